package io.integrationregistry.bootstrap.reliability;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** One instance of the service in a JVM of its own (see {@link SkewedRegistryMain}), reached over HTTP. */
// close() waits for the JVM it started to exit; an interruption there ends the test that runs it.
@SuppressWarnings("try")
final class SkewedInstance implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);

    private final Process process;
    private final int port;
    private final Path log;

    private SkewedInstance(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts the JVM and waits until the service answers its readiness probe. */
    static SkewedInstance start(long skewMillis, Path log, List<String> properties) throws Exception {
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"),
                SkewedRegistryMain.class.getName(), Long.toString(skewMillis),
                "--server.port=" + port));
        properties.forEach(property -> command.add("--" + property));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        SkewedInstance instance = new SkewedInstance(process, port, log);
        instance.awaitReady();
        return instance;
    }

    String baseUri() {
        return "http://localhost:" + port;
    }

    private void awaitReady() throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest readiness = HttpRequest.newBuilder(URI.create(baseUri() + "/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the instance stopped at start (exit " + process.exitValue()
                        + "):\n" + tailOfLog());
            }
            try {
                if (http.send(readiness, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYetListening) {
                // starting
            }
            Thread.sleep(200);
        }
        close();
        throw new IllegalStateException("the instance was not ready within " + START_TIMEOUT + ":\n" + tailOfLog());
    }

    String tailOfLog() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException unreadable) {
            return "(log unreadable: " + unreadable + ")";
        }
    }

    /** Stops the service as an orchestrator does (SIGTERM): it shuts down gracefully and releases its claims. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
