package io.useringest.support;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;

/** This machine as another host on its network sees it. */
public final class Network {

    private Network() {
    }

    /** An IPv4 address of this machine other than loopback. */
    public static InetAddress externalAddress() throws SocketException {
        return NetworkInterface.networkInterfaces().filter(i -> {
            try {
                return i.isUp() && !i.isLoopback();
            }
            catch (SocketException e) {
                return false;
            }
        })
            .flatMap(NetworkInterface::inetAddresses)
            .filter(a -> a instanceof Inet4Address)
            .findFirst()
            .orElseThrow(() -> new AssertionError("this test needs a network interface besides loopback"));
    }

    /** Whether a connection to the port at this address is accepted. */
    public static boolean accepts(InetAddress address, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 2000);
            return true;
        }
        catch (IOException e) {
            return false;
        }
    }

}
