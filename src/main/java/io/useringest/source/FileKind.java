package io.useringest.source;

/** What a source object or archive entry is, judged by its basename. */
public enum FileKind {

    CSV, IMAGE, ARCHIVE, IGNORED

}
