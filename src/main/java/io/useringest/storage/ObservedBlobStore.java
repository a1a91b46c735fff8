package io.useringest.storage;

import java.io.InputStream;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.gaul.s3proxy.blobstore.domain.MultipartUpload;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectResponse;
import software.amazon.awssdk.services.s3.model.DeleteObjectsRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/**
 * The embedded server's blob store with bucket notifications: after a put, copy, delete,
 * multi-delete or completed multipart upload through the S3 API succeeds, the listeners
 * hear of the key — as MinIO's webhook target would tell them. Chosen over a handler
 * around S3Proxy's HTTP handling because the store sees the decoded bucket and key of
 * exactly the writes that happened, whatever the request's form (path or virtual-host
 * style, multi-delete XML).
 */
final class ObservedBlobStore extends ForwardingBlobStore {

    private static final Logger log = LoggerFactory.getLogger(ObservedBlobStore.class);

    private final List<StorageChangeListener> listeners = new CopyOnWriteArrayList<>();

    ObservedBlobStore(BlobStore delegate) {
        super(delegate);
    }

    void addListener(StorageChangeListener listener) {
        listeners.add(listener);
    }

    @Override
    public PutObjectResponse putBlob(PutObjectRequest request, InputStream content) {
        PutObjectResponse response = super.putBlob(request, content);
        changed(request.bucket(), request.key());
        return response;
    }

    @Override
    public CopyObjectResponse copyBlob(CopyObjectRequest request) {
        CopyObjectResponse response = super.copyBlob(request);
        changed(request.destinationBucket(), request.destinationKey());
        return response;
    }

    @Override
    public DeleteObjectResponse removeBlob(DeleteObjectRequest request) {
        DeleteObjectResponse response = super.removeBlob(request);
        changed(request.bucket(), request.key());
        return response;
    }

    @Override
    public DeleteObjectsResponse removeBlobs(DeleteObjectsRequest request) {
        DeleteObjectsResponse response = delegate().removeBlobs(request);
        for (ObjectIdentifier object : request.delete().objects()) {
            changed(request.bucket(), object.key());
        }
        return response;
    }

    @Override
    public CompleteMultipartUploadResponse completeMultipartUpload(MultipartUpload upload,
            CompleteMultipartUploadRequest request) {
        CompleteMultipartUploadResponse response = super.completeMultipartUpload(upload, request);
        changed(request.bucket(), request.key());
        return response;
    }

    /**
     * A listener's failure must never fail the write the client made. The server's own
     * bookkeeping (multipart stubs and parts) is no client's change.
     */
    private void changed(String bucket, String key) {
        if (EmbeddedS3Server.isBookkeeping(key)) {
            return;
        }
        for (StorageChangeListener listener : listeners) {
            try {
                listener.changed(bucket, key);
            }
            catch (RuntimeException e) {
                log.warn("a listener of the embedded server failed on {}/{}: {}", bucket, key, e.getMessage());
            }
        }
    }

}
