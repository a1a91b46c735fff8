package io.useringest.source;

/** The content of a valid user CSV. */
public record UserCsv(String firstName, String lastName, long birthts) {
}
