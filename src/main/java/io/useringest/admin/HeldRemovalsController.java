package io.useringest.admin;

import io.useringest.processing.HeldRemovals;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * GET /admin/held: the users the deletion guard kept although their CSV is gone, and
 * since when.
 */
@Controller
class HeldRemovalsController {

    static final int SHOWN = 200;

    private final HeldRemovals held;

    HeldRemovalsController(HeldRemovals held) {
        this.held = held;
    }

    @GetMapping("/admin/held")
    String held(Model model) {
        model.addAttribute("count", held.count());
        model.addAttribute("held", held.first(SHOWN));
        model.addAttribute("shown", SHOWN);
        return "admin/held";
    }

}
