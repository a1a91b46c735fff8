package io.useringest.source;

/** The outcome of parsing one user CSV. */
public sealed interface ParsedCsv {

    record Valid(UserCsv user) implements ParsedCsv {
    }

    record Rejected(String reason) implements ParsedCsv {
    }

}
