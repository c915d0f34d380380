package io.integrationregistry.bootstrap.reliability;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A MongoDB-wire proxy in front of a server that, when armed, lets the next insert into a collection
 * through and closes the client's connection instead of passing the server's reply on: the write is
 * committed, its reply lost, as when a network fails at the worst moment.
 */
final class ReplyLosingProxy implements AutoCloseable {

    private static final byte[] INSERT = "\u0002insert\u0000".getBytes(StandardCharsets.UTF_8);

    private final ServerSocket listener;
    private final int upstreamPort;
    private final AtomicBoolean armed = new AtomicBoolean();
    private final AtomicInteger repliesLost = new AtomicInteger();
    private volatile byte[] collection;

    private ReplyLosingProxy(int upstreamPort) throws IOException {
        this.upstreamPort = upstreamPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "reply-losing-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    static ReplyLosingProxy inFrontOf(String upstreamUri) {
        int port = Integer.parseInt(upstreamUri.replaceAll("^mongodb://[^:]+:(\\d+).*$", "$1"));
        try {
            return new ReplyLosingProxy(port);
        } catch (IOException unexpected) {
            throw new UncheckedIOException(unexpected);
        }
    }

    String uri(String database) {
        return "mongodb://127.0.0.1:" + listener.getLocalPort() + "/" + database;
    }

    /** The reply to the next insert into {@code collection} is lost (once). */
    void loseReplyToNextInsertInto(String collection) {
        this.collection = (collection + "\u0000").getBytes(StandardCharsets.UTF_8);
        armed.set(true);
    }

    int repliesLost() {
        return repliesLost.get();
    }

    @Override
    public void close() throws IOException {
        listener.close();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(InetAddress.getLoopbackAddress(), upstreamPort);
                AtomicBoolean dropNextReply = new AtomicBoolean();
                pump(client, server, dropNextReply, true);
                pump(server, client, dropNextReply, false);
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void pump(Socket from, Socket to, AtomicBoolean dropNextReply, boolean requests) {
        Thread pumping = new Thread(
                () -> {
                    try (from;
                            to) {
                        DataInputStream in = new DataInputStream(from.getInputStream());
                        OutputStream out = to.getOutputStream();
                        while (true) {
                            byte[] message = readMessage(in);
                            if (requests
                                    && armed.get()
                                    && isInsertInto(message, collection)
                                    && armed.compareAndSet(true, false)) {
                                dropNextReply.set(true);
                            }
                            if (!requests && dropNextReply.get()) {
                                repliesLost.incrementAndGet();
                                return;
                            }
                            out.write(message);
                            out.flush();
                        }
                    } catch (IOException closed) {
                        // the other side went away: so does this one
                    }
                },
                "reply-losing-proxy-pump");
        pumping.setDaemon(true);
        pumping.start();
    }

    private static byte[] readMessage(DataInputStream in) throws IOException {
        byte[] header = new byte[4];
        in.readFully(header);
        int length = (header[0] & 0xff) | (header[1] & 0xff) << 8 | (header[2] & 0xff) << 16 | (header[3] & 0xff) << 24;
        byte[] message = new byte[length];
        System.arraycopy(header, 0, message, 0, 4);
        in.readFully(message, 4, length - 4);
        return message;
    }

    /** An insert command (its first element a string named "insert") naming the collection. */
    private static boolean isInsertInto(byte[] message, byte[] collection) {
        return indexOf(message, INSERT) >= 0 && indexOf(message, collection) >= 0;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
