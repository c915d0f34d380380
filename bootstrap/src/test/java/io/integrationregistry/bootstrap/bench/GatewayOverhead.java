package io.integrationregistry.bootstrap.bench;

import fixtures.providers.DocumentProviderStub;
import io.integrationregistry.application.integrations.port.in.ForManagingIntegrations;
import io.integrationregistry.application.integrations.port.in.IntegrationDraft;
import io.integrationregistry.application.shared.Caller;
import io.integrationregistry.domain.Actor;
import io.integrationregistry.domain.AuthenticationSpec;
import io.integrationregistry.domain.BaseApiUrl;
import io.integrationregistry.domain.CompanyId;
import io.integrationregistry.domain.IntegrationName;
import io.integrationregistry.domain.PlainSecret;
import io.integrationregistry.domain.RequestParameters;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * B5: listing a provider's root folder ({@code files}) through the service's document gateway against
 * calling the same provider stub directly, with 32 concurrent keep-alive clients each way.
 */
final class GatewayOverhead {

    static final int CLIENTS = 32;
    private static final int WARM_UP_CALLS = 600;
    private static final int MIN_CALLS = 320;
    /** How the service is configured for B5 (see {@link Service#properties}), as the output states it. */
    static final String CALL_LIMITS = "the service admits " + CLIENTS + " concurrent provider calls per integration "
            + "and per company (registry.outbound.max-concurrent-calls-per-integration and -per-company)";

    private final Bench bench;

    GatewayOverhead(Bench bench) {
        this.bench = bench;
    }

    Figure run() {
        long begin = System.nanoTime();
        try (DocumentProviderStub stub = DocumentProviderStub.withApiKey(Seeder.API_KEY);
                Http service = bench.service.admin(CLIENTS);
                Http direct = Http.withHeaders(
                        stub.baseApiUrl(), CLIENTS, Map.of("apiKey", Seeder.API_KEY, "username", Service.ADMIN))) {
            String id = bench.service
                    .bean(ForManagingIntegrations.class)
                    .add(
                            new Caller(new Actor(Service.ADMIN), new CompanyId(Service.ADMIN_COMPANY)),
                            new IntegrationDraft(
                                    new IntegrationName("Stub provider " + System.nanoTime()),
                                    new BaseApiUrl(stub.baseApiUrl()),
                                    RequestParameters.NONE,
                                    new AuthenticationSpec.ApiKeySpec<>(
                                            Optional.of(PlainSecret.of("authentication.apiKey", Seeder.API_KEY)))),
                            true)
                    .integrationId()
                    .value();
            String throughService = "/api/integrations/" + id + "/documents/files?parentId=%2F";
            String straight = "/files?parentId=%2F";
            String expected =
                    direct.get(straight).requireStatus(200, "the stub").body();
            String answered = service.get(throughService)
                    .requireStatus(200, "the gateway")
                    .body();
            if (!answered.contains("Plan.pdf") || !expected.contains("Plan.pdf")) {
                throw new IllegalStateException("unexpected listing: " + answered);
            }
            Load.Run warmDirect = calls(direct, straight, WARM_UP_CALLS);
            Load.Run warmService = calls(service, throughService, WARM_UP_CALLS);
            double slower = Math.min(warmDirect.perSecond(), warmService.perSecond());
            double faster = Math.max(warmDirect.perSecond(), warmService.perSecond());
            // Each run calls both ways; the calls are split so that the pair fits the time of one run.
            int calls = (int) bench.size("B5", 1 / (1 / slower + 1 / faster), bench.secondsPerRep("B5"), 0, MIN_CALLS);
            bench.log("B5 at " + calls + " calls per run (warm-up: " + Format.number(warmService.perSecond())
                    + " calls/s through the service, " + Format.number(warmDirect.perSecond()) + " direct); "
                    + CALL_LIMITS);
            List<Double> serviceRates = new ArrayList<>();
            List<Double> directRates = new ArrayList<>();
            List<Double> addedP50 = new ArrayList<>();
            List<Double> addedP99 = new ArrayList<>();
            List<Double> serviceP50 = new ArrayList<>();
            List<Double> serviceP99 = new ArrayList<>();
            for (int rep = 0; rep < bench.reps(); rep++) {
                Load.Run straightRun = calls(direct, straight, calls).requireSuccess("direct calls");
                Load.Run serviceRun = calls(service, throughService, calls).requireSuccess("gateway calls");
                directRates.add(straightRun.perSecond());
                serviceRates.add(serviceRun.perSecond());
                serviceP50.add(serviceRun.p50Millis());
                serviceP99.add(serviceRun.p99Millis());
                addedP50.add(serviceRun.p50Millis() - straightRun.p50Millis());
                addedP99.add(serviceRun.p99Millis() - straightRun.p99Millis());
            }
            Figure figure = new Figure(
                            "B5",
                            bench.target,
                            "gateway: GET .../documents/files through the service, " + CLIENTS
                                    + " concurrent keep-alive clients")
                    .size(calls, 0, "calls per run")
                    .measured("through the service", Stats.of(serviceRates), "calls/s")
                    .baseline("straight to the stub", Stats.of(directRates), "calls/s");
            figure.ratio(
                    "gateway/direct", figure.measured.median() / figure.baseline.median(), Figure.Goal.AT_LEAST, 0.9);
            Stats p50 = Stats.of(addedP50);
            Stats p99 = Stats.of(addedP99);
            figure.extraText = "added latency p50 " + p50.format("ms") + ", p99 " + p99.format("ms");
            figure.extra.put("addedLatencyP50Millis", p50.median());
            figure.extra.put("addedLatencyP99Millis", p99.median());
            figure.extra.put("serviceLatencyP50Millis", Stats.of(serviceP50).median());
            figure.extra.put("serviceLatencyP99Millis", Stats.of(serviceP99).median());
            figure.notes.add("the stub is fixtures.providers.DocumentProviderStub (JDK HttpServer, 8 threads) on "
                    + "loopback; the integration is an active API_KEY one; the client signs in with HTTP Basic");
            figure.notes.add("added latency: the service's percentile minus the direct one, per run");
            figure.notes.add(CALL_LIMITS + ", so that both ways run at the same concurrency");
            figure.seconds = (System.nanoTime() - begin) / 1e9;
            bench.profileIfMissed(figure, () -> calls(service, throughService, calls));
            return figure;
        }
    }

    private static Load.Run calls(Http client, String path, int calls) {
        return Load.run("gateway", CLIENTS, calls, i -> client.get(path).requireStatus(200, path));
    }
}
