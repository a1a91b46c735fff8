package io.useringest.config;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The settings, read once from the environment, and the clock every rule about "today"
 * uses.
 */
@Configuration(proxyBeanMethods = false)
public class SettingsConfiguration {

    @Bean
    Settings settings(Environment environment) {
        return Settings.from(environment);
    }

    @Bean
    LoginThrottle loginThrottle() {
        return new LoginThrottle();
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

}
