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

    /** A published image: where it is, how large, and its content type. */
    public record Image(String bucket, String key, long size, String contentType) {
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
        return object.map(o -> new Image(bucket, key, o.size(), "png".equals(extension) ? "image/png" : "image/jpeg"));
    }

    /** Opens the image's bytes; the caller closes the stream. */
    public InputStream open(Image image) {
        return store.read(image.bucket(), image.key());
    }

}
