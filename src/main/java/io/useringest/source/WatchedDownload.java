package io.useringest.source;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.jspecify.annotations.Nullable;

/**
 * A download that remembers whether the storage connection failed, to tell that apart
 * from bad bytes in it.
 */
final class WatchedDownload extends FilterInputStream {

    private @Nullable IOException failure;

    WatchedDownload(InputStream in) {
        super(in);
    }

    @Nullable IOException failure() {
        return failure;
    }

    @Override
    public int read() throws IOException {
        try {
            return super.read();
        }
        catch (IOException e) {
            failure = e;
            throw e;
        }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        try {
            return super.read(b, off, len);
        }
        catch (IOException e) {
            failure = e;
            throw e;
        }
    }

}
