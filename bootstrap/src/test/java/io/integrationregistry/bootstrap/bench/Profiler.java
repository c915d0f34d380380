package io.integrationregistry.bootstrap.bench;

import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Records one run of a scenario with Java Flight Recorder (the "profile" settings) in this process,
 * which holds the service, the embedded database server and the clients alike, and summarizes what
 * bounds it: where the CPU goes (by thread, by method) and where threads wait (locks, parking, sockets).
 */
final class Profiler {

    private static final int TOP = 8;

    /** What one recording shows. */
    record Summary(
            Path file,
            double seconds,
            double processCpu,
            double machineCpu,
            long samples,
            List<String> cpuByThread,
            List<String> selfFrames,
            List<String> firstNonJdkFrames,
            List<String> ownCodeInclusive,
            List<String> monitorWaits,
            List<String> parks,
            List<String> socketReads,
            List<String> databaseCommands) {

        Map<String, Object> json() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("file", file.toString());
            json.put("seconds", seconds);
            json.put("processCpuOfMachine", processCpu);
            json.put("machineCpu", machineCpu);
            json.put("executionSamples", samples);
            json.put("cpuByThread", cpuByThread);
            json.put("hottestSelfFrames", selfFrames);
            json.put("hottestFirstNonJdkFrames", firstNonJdkFrames);
            json.put("serviceCodeInclusive", ownCodeInclusive);
            json.put("monitorWaits", monitorWaits);
            json.put("threadParks", parks);
            json.put("socketReads", socketReads);
            json.put("databaseCommandsByTotalTime", databaseCommands);
            return json;
        }

        List<String> text() {
            List<String> lines = new ArrayList<>();
            lines.add(String.format(
                    Locale.ROOT,
                    "JFR %s: %.1f s; CPU: this process %.0f%% of the machine, all processes " + "%.0f%%; %d samples",
                    file.getFileName(),
                    seconds,
                    processCpu * 100,
                    machineCpu * 100,
                    samples));
            lines.add("  CPU by thread: "
                    + String.join(
                            ", ",
                            cpuByThread.stream()
                                    .limit(5)
                                    .map(entry -> entry.strip().replaceFirst("^(\\S+)\\s+(.*)$", "$2 $1"))
                                    .toList()));
            section(lines, "hottest methods (self)", selfFrames, 5);
            section(lines, "hottest first frames outside the JDK", firstNonJdkFrames, 5);
            section(lines, "service code on the stack (inclusive)", ownCodeInclusive, 5);
            section(lines, "blocked on monitors (total)", monitorWaits, 3);
            section(lines, "parked on the request path (total, >= 10 ms each)", parks, 3);
            section(
                    lines,
                    "the service's database commands (total, count x mean, as its client saw them)",
                    databaseCommands,
                    6);
            return lines;
        }

        private static void section(List<String> lines, String title, List<String> entries, int limit) {
            if (!entries.isEmpty()) {
                lines.add("  " + title + ":");
                entries.stream().limit(limit).forEach(entry -> lines.add("    " + entry));
            }
        }
    }

    private Profiler() {}

    static Summary record(Path folder, String name, MongoCommandStats commands, Runnable scenario) {
        try {
            Files.createDirectories(folder);
            Path file = folder.resolve(name + ".jfr");
            long begin = System.nanoTime();
            try (Recording recording = new Recording(Configuration.getConfiguration("profile"))) {
                recording.setName(name);
                recording.start();
                commands.start();
                try {
                    scenario.run();
                } finally {
                    commands.stop();
                    recording.stop();
                }
                recording.dump(file);
            }
            return summarize(file, (System.nanoTime() - begin) / 1e9, commands.top(TOP));
        } catch (IOException | ParseException failed) {
            throw new IllegalStateException("cannot record " + name, failed);
        }
    }

    static Summary summarize(Path file, double seconds, List<String> databaseCommands) {
        Map<String, Long> byThread = new HashMap<>();
        Map<String, Long> self = new HashMap<>();
        Map<String, Long> firstNonJdk = new HashMap<>();
        Map<String, Long> own = new HashMap<>();
        Map<String, Long> monitors = new HashMap<>();
        Map<String, Long> parks = new HashMap<>();
        Map<String, Long> sockets = new HashMap<>();
        long samples = 0;
        double processCpu = 0;
        double machineCpu = 0;
        int cpuEvents = 0;
        try (RecordingFile recording = new RecordingFile(file)) {
            while (recording.hasMoreEvents()) {
                RecordedEvent event = recording.readEvent();
                String type = event.getEventType().getName();
                switch (type) {
                    case "jdk.ExecutionSample" -> {
                        samples++;
                        RecordedThread thread = event.getThread("sampledThread");
                        add(byThread, threadGroup(thread), 1);
                        RecordedStackTrace stack = event.getStackTrace();
                        if (stack == null || stack.getFrames().isEmpty()) {
                            continue;
                        }
                        add(self, method(stack.getFrames().get(0)), 1);
                        add(firstNonJdk, firstNonJdk(stack), 1);
                        Set<String> seen = new HashSet<>();
                        for (RecordedFrame frame : stack.getFrames()) {
                            String method = method(frame);
                            if (method.startsWith("io.integrationregistry.")
                                    && !method.contains(".bench.")
                                    && seen.add(method)) {
                                add(own, method, 1);
                            }
                        }
                    }
                    case "jdk.JavaMonitorEnter" ->
                        add(
                                monitors,
                                className(event, "monitorClass") + " at " + firstNonJdk(event.getStackTrace()) + " ["
                                        + threadGroup(event.getThread()) + "]",
                                event.getDuration().toMillis());
                    case "jdk.ThreadPark" -> {
                        String thread = threadGroup(event.getThread());
                        if (onRequestPath(thread)) {
                            add(
                                    parks,
                                    firstNonJdk(event.getStackTrace()) + " [" + thread + "]",
                                    event.getDuration().toMillis());
                        }
                    }
                    case "jdk.SocketRead" ->
                        add(
                                sockets,
                                firstNonJdk(event.getStackTrace()) + " [" + threadGroup(event.getThread()) + "]",
                                event.getDuration().toMillis());
                    case "jdk.CPULoad" -> {
                        processCpu += event.getFloat("jvmUser") + event.getFloat("jvmSystem");
                        machineCpu += event.getFloat("machineTotal");
                        cpuEvents++;
                    }
                    default -> {}
                }
            }
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
        long total = Math.max(1, samples);
        Function<Long, String> share = count -> String.format(Locale.ROOT, "%5.1f%%", 100.0 * count / total);
        Function<Long, String> millis = ms -> String.format(Locale.ROOT, "%,8d ms", ms);
        return new Summary(
                file,
                seconds,
                cpuEvents == 0 ? Double.NaN : processCpu / cpuEvents,
                cpuEvents == 0 ? Double.NaN : machineCpu / cpuEvents,
                samples,
                top(byThread, share),
                top(self, share),
                top(firstNonJdk, share),
                top(own, share),
                top(monitors, millis),
                top(parks, millis),
                top(sockets, millis),
                databaseCommands);
    }

    private static List<String> top(Map<String, Long> counts, Function<Long, String> format) {
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(TOP)
                .map(entry -> format.apply(entry.getValue()) + "  " + entry.getKey())
                .toList();
    }

    private static void add(Map<String, Long> counts, String key, long amount) {
        counts.merge(key, amount, Long::sum);
    }

    private static String className(RecordedEvent event, String field) {
        try {
            jdk.jfr.consumer.RecordedClass type = event.getClass(field);
            return type == null ? "?" : type.getName();
        } catch (IllegalArgumentException absent) {
            return "?";
        }
    }

    private static String method(RecordedFrame frame) {
        if (frame.getMethod() == null) {
            return "?";
        }
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }

    /** The top-most frame outside the JDK: which library or service code the time is spent for. */
    private static String firstNonJdk(RecordedStackTrace stack) {
        if (stack == null) {
            return "?";
        }
        for (RecordedFrame frame : stack.getFrames()) {
            String method = method(frame);
            if (!(method.startsWith("java.")
                    || method.startsWith("javax.")
                    || method.startsWith("jdk.")
                    || method.startsWith("sun.")
                    || method.startsWith("com.sun."))) {
                return method;
            }
        }
        return stack.getFrames().isEmpty()
                ? "?"
                : "JDK: " + method(stack.getFrames().get(0));
    }

    /** Threads that serve the measured work, rather than idle pools and housekeeping. */
    private static boolean onRequestPath(String thread) {
        return thread.startsWith("bench-")
                || thread.startsWith("http-nio")
                || thread.startsWith("EventProcessor")
                || thread.startsWith("mongo-server")
                || thread.startsWith("EmbeddedEventStore");
    }

    /** A thread's name with its numbers replaced, so that the threads of one pool count together. */
    private static String threadGroup(RecordedThread thread) {
        if (thread == null) {
            return "?";
        }
        String name = thread.getJavaName() != null ? thread.getJavaName() : thread.getOSName();
        return name == null ? "?" : name.replaceAll("\\d+", "#");
    }
}
