package io.integrationregistry.bootstrap.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.management.OperatingSystemMXBean;
import io.integrationregistry.bootstrap.RegistryApplication;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The service started alone in this process, on data stored before: prints one line, {@code FOOTPRINT}
 * and a JSON object, with the time from the JVM's start to a healthy {@code /actuator/health}, the time the
 * first {@code GET /api/integrations} then takes to answer, where asked ({@value #IDLE_SECONDS}) the process's
 * CPU time over an idle window after that answer (as a share of one core), and the heap (after a full
 * collection) and resident memory after all that.
 */
public final class FootprintProbe {

    static final String PREFIX = "FOOTPRINT ";
    /** The system property naming the seconds of the idle window after the first list (0 or unset: none). */
    static final String IDLE_SECONDS = "bench.idleSeconds";

    /** The system property naming the file the idle window is recorded into (JFR; unset: not recorded). */
    static final String IDLE_RECORDING = "bench.idleRecording";

    private FootprintProbe() {}

    public static void main(String[] arguments) throws Exception {
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        ConfigurableApplicationContext context = new SpringApplicationBuilder(RegistryApplication.class).run(arguments);
        long ready = System.currentTimeMillis();
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        Map<String, Object> result = new LinkedHashMap<>();
        try (Http anonymous = Http.withHeaders("http://127.0.0.1:" + port, 1, Map.of());
                Http reader = Http.basic("http://127.0.0.1:" + port, 1, Service.READER, Service.READER_PASSWORD)) {
            long deadline = System.currentTimeMillis() + 120_000;
            while (true) {
                Http.Answer health = anonymous.get("/actuator/health");
                if (health.status() == 200 && health.body().contains("\"UP\"")) {
                    break;
                }
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException("not healthy after 2 minutes: " + health);
                }
                Thread.sleep(10);
            }
            long healthy = System.currentTimeMillis();
            result.put("startupToHealthyMillis", healthy - jvmStart);
            result.put("startupToContextReadyMillis", ready - jvmStart);
            long listBegin = System.nanoTime();
            reader.get("/api/integrations?page=0").requireStatus(200, "GET /api/integrations");
            result.put("firstListMillis", (System.nanoTime() - listBegin) / 1e6);
            long idleSeconds = Long.getLong(IDLE_SECONDS, 0);
            if (idleSeconds > 0) {
                // The process's own CPU time (every thread: the service's pollers, the JIT, the collector)
                // over a window in which nobody calls it.
                OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
                String recordTo = System.getProperty(IDLE_RECORDING);
                Recording recording = null;
                if (recordTo != null && !recordTo.isBlank()) {
                    // What the idle window's CPU goes to, by thread and method.
                    recording = new Recording(Configuration.getConfiguration("profile"));
                    recording.start();
                }
                long cpuBefore = os.getProcessCpuTime();
                long wallBefore = System.nanoTime();
                Thread.sleep(idleSeconds * 1000);
                long cpu = os.getProcessCpuTime() - cpuBefore;
                long wall = System.nanoTime() - wallBefore;
                if (recording != null) {
                    recording.stop();
                    recording.dump(Path.of(recordTo));
                    recording.close();
                }
                result.put("idleSeconds", wall / 1e9);
                result.put("idleCpuShare", (double) cpu / wall);
            }
            MongoTemplate mongo = context.getBean(MongoTemplate.class);
            result.put(
                    "integrationsListed",
                    mongo.getCollection("integration_list").estimatedDocumentCount());
            result.put("eventsStored", mongo.getCollection("domainevents").estimatedDocumentCount());
            for (int i = 0; i < 3; i++) {
                System.gc();
                Thread.sleep(200);
            }
            MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
            MemoryUsage nonHeap = ManagementFactory.getMemoryMXBean().getNonHeapMemoryUsage();
            result.put("heapUsedAfterGcBytes", heap.getUsed());
            result.put("heapCommittedBytes", heap.getCommitted());
            result.put("heapMaxBytes", heap.getMax());
            result.put("nonHeapUsedBytes", nonHeap.getUsed());
            result.put("rssBytes", status("VmRSS"));
            result.put("rssPeakBytes", status("VmHWM"));
            result.put("threads", ManagementFactory.getThreadMXBean().getThreadCount());
            result.put("jvmArguments", ManagementFactory.getRuntimeMXBean().getInputArguments());
        }
        System.out.println(PREFIX + new ObjectMapper().writeValueAsString(result));
        System.out.flush();
        context.close();
        System.exit(0);
    }

    /** A size from /proc/self/status, in bytes. */
    private static long status(String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.substring(field.length() + 1)
                                .replace("kB", "")
                                .strip())
                        * 1024;
            }
        }
        return -1;
    }
}
