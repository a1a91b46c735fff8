package io.useringest.admin;

import io.useringest.processing.SourceLedger;
import io.useringest.runs.Rejection;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * GET /admin/rejected: the source files rejected now, with their reasons, in key order,
 * page by page by cursor (the key after which a page starts).
 */
@Controller
class RejectedFilesController {

    static final int SHOWN = 100;

    private static final int LONGEST_KEY = 2048;

    private final SourceLedger ledger;

    RejectedFilesController(SourceLedger ledger) {
        this.ledger = ledger;
    }

    @GetMapping("/admin/rejected")
    String rejected(@RequestParam(required = false) String after, Model model) {
        String from = after == null ? "" : after;
        if (from.length() > LONGEST_KEY) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    "parameter 'after': longer than " + LONGEST_KEY + " characters");
        }
        List<Rejection> page = new ArrayList<>(ledger.rejectionsAfter(from, SHOWN + 1));
        boolean more = page.size() > SHOWN;
        if (more) {
            page.remove(page.size() - 1);
        }
        model.addAttribute("rejected", page);
        model.addAttribute("count", ledger.countRejections());
        model.addAttribute("first", from.isEmpty());
        model.addAttribute("next", more ? page.get(page.size() - 1).key() : null);
        return "admin/rejected";
    }

}
