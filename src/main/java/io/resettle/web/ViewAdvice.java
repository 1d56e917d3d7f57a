package io.resettle.web;

import java.security.Principal;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.ui.Model;

/** What every page's header needs: who is logged in and which actions they may take. */
@ControllerAdvice
class ViewAdvice {

    @ModelAttribute
    void user(Principal principal, Model model) {
        boolean ops = false;
        boolean finance = false;
        if (principal instanceof Authentication authentication) {
            for (var authority : authentication.getAuthorities()) {
                ops |= authority.getAuthority().equals("ROLE_OPS");
                finance |= authority.getAuthority().equals("ROLE_FINANCE");
            }
        }
        model.addAttribute("currentUser", principal == null ? null : principal.getName());
        model.addAttribute("canOps", ops);
        model.addAttribute("canFinance", finance);
    }
}
