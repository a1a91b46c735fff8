package io.useringest.admin;

import io.useringest.config.LoginThrottle;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.util.OptionalLong;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The console's own security: everything under /admin needs the admin, signed in with the
 * form at /admin/login (a session; its cookie is HttpOnly and SameSite=Lax, Secure behind
 * HTTPS — see application.yml), every form carries a CSRF token, and repeated failed
 * logins from one address are slowed down ({@link LoginThrottle}). It comes before the
 * API's chain, which keeps HTTP Basic and no session.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class ConsoleSecurityConfiguration {

    @Bean
    @Order(1)
    SecurityFilterChain console(HttpSecurity http, LoginThrottle throttle) throws Exception {
        http.securityMatcher("/admin", "/admin/**")
            .authorizeHttpRequests(requests -> requests.requestMatchers(HttpMethod.GET, "/admin/login")
                .permitAll()
                .anyRequest()
                .hasRole("ADMIN"))
            .formLogin(form -> form.loginPage("/admin/login")
                .loginProcessingUrl("/admin/login")
                .successHandler((request, response, authentication) -> {
                    throttle.succeeded(request.getRemoteAddr());
                    response.sendRedirect("/admin");
                })
                .failureHandler((request, response, e) -> {
                    throttle.failed(request.getRemoteAddr(), Instant.now());
                    response.sendRedirect("/admin/login?error");
                }))
            .logout(logout -> logout.logoutUrl("/admin/logout").logoutSuccessUrl("/admin/login?logout"))
            .addFilterBefore(new ThrottleFilter(throttle), UsernamePasswordAuthenticationFilter.class);
        return http.build();
    }

    /** Refuses a login attempt while its address must still wait. */
    private static final class ThrottleFilter extends OncePerRequestFilter {

        private final LoginThrottle throttle;

        ThrottleFilter(LoginThrottle throttle) {
            this.throttle = throttle;
        }

        @Override
        protected boolean shouldNotFilter(HttpServletRequest request) {
            return !("POST".equals(request.getMethod()) && "/admin/login".equals(request.getRequestURI()));
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            OptionalLong wait = throttle.retryAfterSeconds(request.getRemoteAddr(), Instant.now());
            if (wait.isPresent()) {
                long seconds = wait.getAsLong();
                response.setHeader("Retry-After", Long.toString(seconds));
                response.sendRedirect("/admin/login?wait=" + seconds);
                return;
            }
            chain.doFilter(request, response);
        }

    }

}
