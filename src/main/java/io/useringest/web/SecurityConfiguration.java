package io.useringest.web;

import io.useringest.config.Settings;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/** Reading is open (or not, with API_READ_AUTH); changing state needs the admin (HTTP Basic). Failures are problem+json. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class SecurityConfiguration {

    static final String ADMIN = "ADMIN";

    /**
     * POST /data (the only endpoint that changes state) needs the admin; with API_READ_AUTH=true so does every
     * other request except the health check. Other methods stay open so that they get an honest 404 or 405.
     */
    @Bean
    SecurityFilterChain security(HttpSecurity http, Settings settings) throws Exception {
        AuthenticationEntryPoint unauthorized = (request, response, e) -> problem(response,
                HttpServletResponse.SC_UNAUTHORIZED,
                "this request needs the admin's credentials (HTTP Basic)", true);
        http.csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .httpBasic(basic -> basic.authenticationEntryPoint(unauthorized))
                .exceptionHandling(e -> e.authenticationEntryPoint(unauthorized)
                        .accessDeniedHandler((request, response, denied) -> problem(response,
                                HttpServletResponse.SC_FORBIDDEN, "the admin role is needed", false)))
                .authorizeHttpRequests(requests -> {
                    requests.requestMatchers(HttpMethod.POST, "/data").hasRole(ADMIN)
                            .requestMatchers("/actuator/health", "/actuator/health/**", "/error").permitAll();
                    if (settings.apiReadAuth()) {
                        requests.anyRequest().hasRole(ADMIN);
                    } else {
                        requests.anyRequest().permitAll();
                    }
                });
        return http.build();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }

    /** The one admin, matched by exact name (Spring's in-memory manager would also let "ADMIN" in for "admin"). */
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

    /** A URL the firewall refuses (encoded slashes, control characters, '..') is the client's fault: 400. */
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
