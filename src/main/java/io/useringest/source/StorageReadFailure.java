package io.useringest.source;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Wraps a download so a failure of the storage connection can be told apart from bad content in the bytes. */
final class StorageReadFailure extends FilterInputStream {

    private IOException failure;

    StorageReadFailure(InputStream in) {
        super(in);
    }

    IOException failure() {
        return failure;
    }

    @Override
    public int read() throws IOException {
        try {
            return super.read();
        } catch (IOException e) {
            failure = e;
            throw e;
        }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        try {
            return super.read(b, off, len);
        } catch (IOException e) {
            failure = e;
            throw e;
        }
    }
}
