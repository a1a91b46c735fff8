package io.useringest.web;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Configuration;

/**
 * Tomcat's write buffer per connection at 64 KiB instead of its 8 KiB: a page of GET
 * /data (up to 250 users), a user or /stats leaves in one write to the socket instead of
 * one per 8 KiB, and streams go out in 64 KiB writes. Random pages of 100 users answered
 * a quarter more per second at one connection (docs/benchmarks.md). Idle connections'
 * buffers are kept in Tomcat's bounded pool of channels.
 */
@Configuration(proxyBeanMethods = false)
class TomcatSocketBuffers implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    static final int WRITE_BUFFER = 64 * 1024;

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addConnectorCustomizers(
                connector -> connector.setProperty("socket.appWriteBufSize", Integer.toString(WRITE_BUFFER)));
    }

}
