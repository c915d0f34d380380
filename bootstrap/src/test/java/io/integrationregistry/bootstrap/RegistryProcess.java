package io.integrationregistry.bootstrap;

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
import java.util.concurrent.TimeUnit;

/**
 * One instance of the service as a process of its own (this JVM's java, the test class path), reached over HTTP:
 * a test can kill it as the operating system would, or run it under a main of its own (such as one whose event
 * clock is off). Its output goes to a log file. {@link RunningRegistry} is the in-process counterpart.
 */
// close() waits for the process it started to exit; an interruption there ends the test that runs it.
@SuppressWarnings("try")
public final class RegistryProcess implements AutoCloseable {

    /** Where the reliability scenarios keep their processes' output and their exchanges. */
    public static final Path OUTPUT_FOLDER = Path.of("target", "reliability");

    private static final String HEALTH = "/actuator/health";
    private static final String READINESS = "/actuator/health/readiness";

    private final Process process;
    private final int port;
    private final Path output;

    private RegistryProcess(Process process, int port, Path output) {
        this.process = process;
        this.port = port;
        this.output = output;
    }

    /**
     * Starts the service with {@code properties} (name=value) on a free port, its output in
     * {@code target/reliability/<name>.log}; answers once its health is UP.
     */
    public static RegistryProcess start(String name, Duration atMost, String... properties) throws Exception {
        Files.createDirectories(OUTPUT_FOLDER);
        return start(
                RegistryApplication.class,
                List.of(),
                OUTPUT_FOLDER.resolve(name + ".log"),
                HEALTH,
                atMost,
                List.of(properties));
    }

    /**
     * Starts {@code main} with {@code mainArguments} first and the service's {@code properties} after them, on a
     * free port, its output in {@code output}; answers once the service is ready to take requests.
     */
    public static RegistryProcess startReady(
            Class<?> main, List<String> mainArguments, Path output, Duration atMost, List<String> properties)
            throws Exception {
        return start(main, mainArguments, output, READINESS, atMost, properties);
    }

    private static RegistryProcess start(
            Class<?> main,
            List<String> mainArguments,
            Path output,
            String probe,
            Duration atMost,
            List<String> properties)
            throws Exception {
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                main.getName()));
        command.addAll(mainArguments);
        command.add("--server.port=" + port);
        properties.forEach(property -> command.add("--" + property));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        RegistryProcess started = new RegistryProcess(process, port, output);
        started.awaitAnswer(probe, atMost);
        return started;
    }

    public int port() {
        return port;
    }

    public String baseUri() {
        return "http://localhost:" + port;
    }

    public long pid() {
        return process.pid();
    }

    public Path output() {
        return output;
    }

    /** Kills the process at once (SIGKILL): no shutdown hook, no clean close of anything. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /**
     * Stops the process as an operator or an orchestrator does (SIGTERM): it shuts down gracefully and releases
     * its claims; killed should it not have ended within a minute.
     */
    public void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            kill();
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    /** The last lines the process wrote. */
    public String tailOfOutput() {
        try {
            List<String> lines = Files.readAllLines(output);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException unreadable) {
            return "(output unreadable: " + unreadable + ")";
        }
    }

    private void awaitAnswer(String probe, Duration atMost) throws Exception {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUri() + probe))
                .timeout(Duration.ofSeconds(5))
                .build();
        long deadline = System.nanoTime() + atMost.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("the service exited with " + process.exitValue() + "; see "
                        + output.toAbsolutePath() + ":\n" + tailOfOutput());
            }
            try {
                if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        process.destroyForcibly();
        throw new AssertionError("the service did not answer " + probe + " within " + atMost + "; see "
                + output.toAbsolutePath() + ":\n" + tailOfOutput());
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException unexpected) {
            throw new UncheckedIOException(unexpected);
        }
    }
}
