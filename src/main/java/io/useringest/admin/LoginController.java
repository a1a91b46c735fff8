package io.useringest.admin;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * GET /admin/login: the console's sign-in form (Spring Security checks what it posts).
 */
@Controller
class LoginController {

    @GetMapping("/admin/login")
    String login(@RequestParam(required = false) String error, @RequestParam(required = false) String logout,
            @RequestParam(required = false) String wait, Model model) {
        model.addAttribute("failed", error != null);
        model.addAttribute("loggedOut", logout != null);
        model.addAttribute("waitSeconds", wait != null && wait.matches("\\d{1,6}") ? wait : null);
        return "admin/login";
    }

}
