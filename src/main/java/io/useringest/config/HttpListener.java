package io.useringest.config;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.UnknownHostException;
import org.springframework.core.env.PropertyResolver;

/**
 * Where the HTTP server listens: SERVER_ADDRESS and SERVER_PORT (default 8080). Without
 * SERVER_ADDRESS, a service on the embedded storage (a laptop, a trial) listens on
 * 127.0.0.1 only, so names and birth dates are not served to the network unless the
 * operator says so; one with external storage (a deployment) on every interface. Checked
 * before the application context starts, so a bad value or a port in use is one line
 * within a second of the JVM starting, not after everything else has started.
 */
public record HttpListener(InetAddress address, int port) {

    public static final int DEFAULT_PORT = 8080;

    public static HttpListener from(PropertyResolver env) {
        String storage = text(env, "storage.endpoint", "");
        String addressText = text(env, "server.address", storage.isEmpty() ? "127.0.0.1" : "0.0.0.0");
        String portText = text(env, "server.port", String.valueOf(DEFAULT_PORT));
        int port;
        try {
            port = Integer.parseInt(portText);
        }
        catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 0 || port > 65535) {
            throw new InvalidSettingException("SERVER_PORT",
                    "\"" + portText + "\" is not a port number (0-65535; 0 picks a free one)");
        }
        try {
            return new HttpListener(InetAddress.getByName(addressText), port);
        }
        catch (UnknownHostException e) {
            throw new InvalidSettingException("SERVER_ADDRESS", "\"" + addressText
                    + "\" is not an address of this machine; use 127.0.0.1 (this machine only) or 0.0.0.0 (every "
                    + "interface)");
        }
    }

    /** Whether only this machine can connect. */
    public boolean loopbackOnly() {
        return address.isLoopbackAddress();
    }

    /**
     * Fails with one line when the address is not this machine's or the port is taken, by
     * binding it for a moment.
     */
    public void checkAvailable() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(address, port));
        }
        catch (IOException e) {
            if (!address.isAnyLocalAddress() && !isLocal(address)) {
                throw new InvalidSettingException("SERVER_ADDRESS", "\"" + address.getHostAddress()
                        + "\" is not an address of this machine; use 127.0.0.1 (this machine only) or 0.0.0.0 (every "
                        + "interface)");
            }
            throw new InvalidSettingException("SERVER_PORT", "port " + port + " on " + address.getHostAddress()
                    + " is in use (is user-ingest already running? stop it, or set SERVER_PORT to another port)");
        }
    }

    private static boolean isLocal(InetAddress address) {
        try {
            return address.isLoopbackAddress() || NetworkInterface.getByInetAddress(address) != null;
        }
        catch (IOException e) {
            return false;
        }
    }

    private static String text(PropertyResolver env, String name, String fallback) {
        String value = env.getProperty(name);
        return value == null || value.isBlank() ? fallback : value.trim();
    }

}
