package io.useringest.web;

import io.useringest.config.LoginThrottle;
import io.useringest.config.Settings;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.savedrequest.NullRequestCache;

/**
 * Reading is open (or not, with API_READ_AUTH); everything else needs the admin. Failures
 * are problem+json.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class SecurityConfiguration {

    static final String ADMIN = "ADMIN";

    /**
     * Default deny: every method but GET and HEAD, on every path, and everything under
     * /admin, needs the admin, unless a rule below opens it on purpose (the error page,
     * the health check). Reads are open unless API_READ_AUTH. API clients authenticate
     * with HTTP Basic and hold no session; a request that belongs to a session (the
     * console's) must carry its CSRF token to change anything.
     */
    @Bean
    @Order(2)
    SecurityFilterChain security(HttpSecurity http, Settings settings, LoginThrottle throttle) throws Exception {
        AuthenticationEntryPoint unauthorized = (request, response, e) -> {
            if (e instanceof BadCredentialsException && BasicLoginThrottleFilter.carriesBasic(request)) {
                throttle.failed(request.getRemoteAddr(), Instant.now());
            }
            problem(response, HttpServletResponse.SC_UNAUTHORIZED,
                    "this request needs the admin's credentials (HTTP Basic)", true);
        };
        http.csrf(csrf -> csrf.requireCsrfProtectionMatcher(SessionCsrf::requires))
            .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.IF_REQUIRED))
            .requestCache(cache -> cache.requestCache(new NullRequestCache()))
            .httpBasic(basic -> basic.authenticationEntryPoint(unauthorized))
            .addFilterBefore(new BasicLoginThrottleFilter(throttle), BasicAuthenticationFilter.class)
            .exceptionHandling(e -> e.authenticationEntryPoint(unauthorized)
                .accessDeniedHandler((request, response, denied) -> problem(response, HttpServletResponse.SC_FORBIDDEN,
                        denied instanceof CsrfException
                                ? "this form's CSRF token is missing or stale; reload the page and try again"
                                : "the admin role is needed",
                        false)))
            .authorizeHttpRequests(requests -> {
                requests.requestMatchers("/error")
                    .permitAll()
                    // The pages' stylesheet and scripts: the console's login page needs
                    // them before anyone has logged in.
                    .requestMatchers(HttpMethod.GET, "/assets/**")
                    .permitAll()
                    // Storage events authenticate with the events token, which the
                    // endpoint checks itself.
                    .requestMatchers(HttpMethod.POST, "/events")
                    .permitAll()
                    .requestMatchers(HttpMethod.GET, "/actuator/health", "/actuator/health/**")
                    .permitAll()
                    .requestMatchers(HttpMethod.HEAD, "/actuator/health", "/actuator/health/**")
                    .permitAll()
                    .requestMatchers("/admin/**")
                    .hasRole(ADMIN);
                if (!settings.apiReadAuth()) {
                    requests.requestMatchers(HttpMethod.GET).permitAll().requestMatchers(HttpMethod.HEAD).permitAll();
                }
                requests.anyRequest().hasRole(ADMIN);
            });
        return http.build();
    }

    /**
     * No observation per security filter and authorization: they were about 8% of a
     * page's time (every filter of the chain wrapped in its own observation); the HTTP
     * request's own observation (http.server.requests) stays.
     */
    @Bean
    SecurityObservationSettings securityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }

    /**
     * The one admin, matched by exact name (Spring's in-memory manager would also let
     * "ADMIN" in for "admin").
     */
    @Bean
    UserDetailsService admin(Settings settings, PasswordEncoder encoder) {
        String password = encoder.encode(settings.adminPassword());
        return name -> {
            if (!settings.adminUser().equals(name)) {
                throw new UsernameNotFoundException("no such user");
            }
            return User.withUsername(name).password(password).roles(ADMIN).build();
        };
    }

    /**
     * A URL the firewall refuses (encoded slashes, control characters, '..') is the
     * client's fault: 400.
     */
    @Bean
    RequestRejectedHandler requestRejected() {
        return (request, response, rejected) -> ProblemWriter.write(response, HttpServletResponse.SC_BAD_REQUEST,
                ClientFaults.rejected().detail(), null);
    }

    private static void problem(HttpServletResponse response, int status, String detail, boolean challenge)
            throws IOException {
        if (challenge) {
            response.setHeader("WWW-Authenticate", "Basic realm=\"user-ingest\"");
        }
        ProblemWriter.write(response, status, detail, null);
    }

}
