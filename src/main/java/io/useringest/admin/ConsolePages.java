package io.useringest.admin;

import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/** Parameters the console's pages share, refused with a 400 that names them. */
final class ConsolePages {

    private ConsolePages() {
    }

    static int pageNumber(String page) {
        if (page == null) {
            return 1;
        }
        try {
            int number = Integer.parseInt(page);
            if (number >= 1 && number <= 1_000_000) {
                return number;
            }
        }
        catch (NumberFormatException e) {
            // refused below
        }
        throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                "parameter 'page': '" + page + "' is not accepted; accepted: a page number from 1");
    }

    /** A seq of the change feed given as a cursor. */
    static long seq(String parameter, String value) {
        try {
            long seq = Long.parseLong(value);
            if (seq >= 0) {
                return seq;
            }
        }
        catch (NumberFormatException e) {
            // answered below
        }
        throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                "parameter '" + parameter + "': '" + value + "' is not accepted; accepted: a seq (a whole number)");
    }

    static long runId(String id) {
        try {
            return Long.parseLong(id);
        }
        catch (NumberFormatException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "parameter 'id': '" + id + "' is not accepted; accepted: a run id (a whole number)");
        }
    }

}
