package io.integrationregistry.bootstrap.reliability;

import io.integrationregistry.bootstrap.RegistryApplication;

import java.io.IOException;
import java.io.UncheckedIOException;
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

/**
 * The service as a process of its own (this JVM's java, the test class path), so that a test can kill
 * it as the operating system would. Its output goes to a file under {@code target/reliability/}.
 */
final class FaultProcess {

    static final Path OUTPUT_FOLDER = Path.of("target", "reliability");

    private final Process process;
    private final int port;
    private final Path output;

    private FaultProcess(Process process, int port, Path output) {
        this.process = process;
        this.port = port;
        this.output = output;
    }

    /** Starts the service with {@code properties} (name=value) on a free port; answers once it is healthy. */
    static FaultProcess start(String name, Duration atMost, String... properties) throws Exception {
        Files.createDirectories(OUTPUT_FOLDER);
        Path output = OUTPUT_FOLDER.resolve(name + ".log");
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"),
                RegistryApplication.class.getName(),
                "--server.port=" + port));
        for (String property : properties) {
            command.add("--" + property);
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(output.toFile()).start();
        FaultProcess started = new FaultProcess(process, port, output);
        started.awaitHealthy(atMost);
        return started;
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    Path output() {
        return output;
    }

    /** Kills the process at once (SIGKILL): no shutdown hook, no clean close of anything. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** Stops the process as an operator would (SIGTERM), at the end of a test. */
    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
            kill();
        }
    }

    private void awaitHealthy(Duration atMost) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + atMost.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("the service exited with " + process.exitValue() + "; see " + output
                        .toAbsolutePath() + ":\n" + tail());
            }
            try {
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/actuator/health")).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        process.destroyForcibly();
        throw new AssertionError("the service was not healthy within " + atMost + "; see " + output.toAbsolutePath()
                + ":\n" + tail());
    }

    private String tail() {
        try {
            List<String> lines = Files.readAllLines(output);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException unreadable) {
            return unreadable.toString();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException unexpected) {
            throw new UncheckedIOException(unexpected);
        }
    }
}
