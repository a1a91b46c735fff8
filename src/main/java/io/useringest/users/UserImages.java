package io.useringest.users;

import io.useringest.storage.ObjectStore;
import io.useringest.storage.StoredObject;
import java.io.InputStream;
import java.util.Optional;

/**
 * A user's published image in the output bucket, found from the {@code img_path} of the
 * user's row.
 */
public class UserImages {

    private final ObjectStore store;

    public UserImages(ObjectStore store) {
        this.store = store;
    }

    /** A published image: its bucket, the object as stored now, and its content type. */
    public record Image(String bucket, StoredObject object, String contentType) {
    }

    /**
     * The image {@code img_path} ({@code <bucket>/<key>}) names, if it is in the bucket
     * now.
     */
    public Optional<Image> find(String imgPath) {
        int slash = imgPath.indexOf('/');
        String bucket = imgPath.substring(0, slash);
        String key = imgPath.substring(slash + 1);
        Optional<StoredObject> object = store.stat(bucket, key);
        String extension = key.substring(key.lastIndexOf('.') + 1);
        return object.map(o -> new Image(bucket, o, "png".equals(extension) ? "image/png" : "image/jpeg"));
    }

    /**
     * Opens {@code length} bytes of the image from {@code offset}; the caller closes the
     * stream.
     */
    public InputStream open(Image image, long offset, long length) {
        return store.read(image.bucket(), image.object().key(), offset, length);
    }

}
