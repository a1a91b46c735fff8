package io.useringest.web;

import io.useringest.config.HttpListener;
import org.springframework.boot.web.server.ConfigurableWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Listens where {@link HttpListener} says: its default address depends on the storage
 * (loopback on the embedded one), which a property default cannot express.
 */
@Component
class HttpListenerAddress implements WebServerFactoryCustomizer<ConfigurableWebServerFactory> {

    private final Environment environment;

    HttpListenerAddress(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void customize(ConfigurableWebServerFactory factory) {
        factory.setAddress(HttpListener.from(environment).address());
    }

}
