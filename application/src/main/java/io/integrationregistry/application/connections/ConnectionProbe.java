package io.integrationregistry.application.connections;

import io.integrationregistry.application.connections.port.in.ConnectionReport;
import io.integrationregistry.application.connections.port.in.ConnectionReport.Outcome;
import io.integrationregistry.application.connections.port.in.ConnectionReport.Step;
import io.integrationregistry.application.documents.port.out.DocumentMetadata;
import io.integrationregistry.application.documents.port.out.ForCallingProviders;
import io.integrationregistry.application.documents.port.out.ProviderCredentials;
import io.integrationregistry.application.documents.port.out.ProviderEndpoint;
import io.integrationregistry.application.documents.port.out.ProviderFailure;
import io.integrationregistry.application.documents.port.out.ServiceInfo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import static io.integrationregistry.application.connections.port.in.ConnectionReport.AUTHENTICATED;
import static io.integrationregistry.application.connections.port.in.ConnectionReport.LISTED_ROOT;
import static io.integrationregistry.application.connections.port.in.ConnectionReport.REACHABLE;
import static io.integrationregistry.application.connections.port.in.ConnectionReport.SERVICE_INFO;

/**
 * One connection test's calls and what they say. {@code serviceInfo} goes first, with the credentials as
 * every call: any HTTP answer to it shows the provider reachable, and a provider that does not offer it
 * is not at fault. Then the root folder's {@code files}: only its 2xx shows the credentials accepted.
 */
final class ConnectionProbe {

    static final String ROOT = "/";
    private static final int ROOT_PAGE = 10;
    /** The statuses of a provider that does not offer serviceInfo at all. */
    private static final Set<Integer> NOT_OFFERED = Set.of(404, 405, 501);

    private final ForCallingProviders providers;
    private final ProviderEndpoint endpoint;

    ConnectionProbe(ForCallingProviders providers, ProviderEndpoint endpoint) {
        this.providers = providers;
        this.endpoint = endpoint;
    }

    /**
     * @param credentials what to send, {@link ProviderCredentials#NONE} when there is nothing to try
     * @param notTried    why the credential steps are skipped, or null when the credentials are tried
     */
    ConnectionReport run(ProviderCredentials credentials, String notTried) {
        List<Step> steps = new ArrayList<>();
        long started = System.nanoTime();
        ServiceInfo info = null;
        ProviderFailure infoFailure = null;
        try {
            info = providers.serviceInfo(endpoint, credentials);
        } catch (ProviderFailure failure) {
            infoFailure = failure;
        }
        long millis = elapsedMillis(started);
        if (infoFailure != null && infoFailure.providerStatus() <= 0) {
            steps.add(new Step(REACHABLE, Outcome.FAILED, millis, message(infoFailure)));
            String unreached = "the provider could not be reached";
            steps.add(new Step(SERVICE_INFO, Outcome.SKIPPED, null, unreached));
            steps.add(new Step(AUTHENTICATED, Outcome.SKIPPED, null, unreached));
            steps.add(new Step(LISTED_ROOT, Outcome.SKIPPED, null, unreached));
            return ConnectionReport.of(steps);
        }
        steps.add(new Step(
                REACHABLE,
                Outcome.PASSED,
                millis,
                "the provider answered HTTP" + (infoFailure == null ? "" : " (" + infoFailure.providerStatus() + ")")));
        steps.add(
                infoFailure == null
                        ? new Step(SERVICE_INFO, Outcome.PASSED, millis, describe(info), details(info))
                        : serviceInfoFailed(infoFailure, millis, credentials));
        if (notTried != null) {
            steps.add(new Step(AUTHENTICATED, Outcome.SKIPPED, null, notTried));
            steps.add(new Step(LISTED_ROOT, Outcome.SKIPPED, null, notTried));
            return ConnectionReport.of(steps);
        }
        listRoot(steps, credentials, infoFailure);
        return ConnectionReport.of(steps);
    }

    private void listRoot(List<Step> steps, ProviderCredentials credentials, ProviderFailure infoFailure) {
        String sent = sent(credentials);
        long started = System.nanoTime();
        try {
            List<DocumentMetadata> root = providers.files(endpoint, credentials, ROOT, ROOT_PAGE, 0);
            long millis = elapsedMillis(started);
            steps.add(new Step(AUTHENTICATED, Outcome.PASSED, millis, "the provider accepted " + sent));
            steps.add(new Step(
                    LISTED_ROOT,
                    Outcome.PASSED,
                    millis,
                    "the root folder lists " + root.size() + (root.size() == ROOT_PAGE ? " or more" : "") + " item"
                            + (root.size() == 1 ? "" : "s")));
        } catch (ProviderFailure failure) {
            long millis = elapsedMillis(started);
            int status = failure.providerStatus();
            if (failure.credentialsNotSent()) {
                steps.add(new Step(
                        AUTHENTICATED,
                        Outcome.FAILED,
                        millis,
                        "the credentials were not sent: " + failure.getMessage()));
                steps.add(new Step(LISTED_ROOT, Outcome.SKIPPED, null, "the credentials were not sent"));
            } else if (failure.kind() == ProviderFailure.Kind.CREDENTIALS_REFUSED || status == 401 || status == 403) {
                steps.add(new Step(AUTHENTICATED, Outcome.FAILED, millis, message(failure) + "; sent " + sent));
                steps.add(new Step(LISTED_ROOT, Outcome.SKIPPED, null, "the credentials were refused"));
            } else if (status == 404 && infoFailure != null && infoFailure.providerStatus() == 404) {
                steps.add(new Step(
                        AUTHENTICATED,
                        Outcome.FAILED,
                        millis,
                        "every call answered 404: the base API URL is probably wrong"));
                steps.add(new Step(LISTED_ROOT, Outcome.FAILED, millis, message(failure)));
            } else {
                steps.add(new Step(
                        AUTHENTICATED,
                        Outcome.FAILED,
                        millis,
                        "not confirmed: no authenticated call answered with success; sent " + sent));
                steps.add(new Step(LISTED_ROOT, Outcome.FAILED, millis, message(failure)));
            }
        }
    }

    private static Step serviceInfoFailed(ProviderFailure failure, long millis, ProviderCredentials credentials) {
        int status = failure.providerStatus();
        if (NOT_OFFERED.contains(status) && !failure.credentialsNotSent()) {
            return new Step(
                    SERVICE_INFO,
                    Outcome.SKIPPED,
                    millis,
                    "the provider does not offer serviceInfo (it answered " + status + ")");
        }
        if ((status == 401 || status == 403) && credentials instanceof ProviderCredentials.None) {
            return new Step(
                    SERVICE_INFO,
                    Outcome.SKIPPED,
                    millis,
                    "the provider protects serviceInfo and there were no credentials to send (it answered " + status
                            + ")");
        }
        String said = failure.credentialsNotSent()
                ? "the credentials were not sent: " + failure.getMessage()
                : message(failure);
        return new Step(SERVICE_INFO, Outcome.FAILED, millis, said);
    }

    /** What was sent, for a human: never the secret itself, but the user name an API key goes with. */
    private static String sent(ProviderCredentials credentials) {
        if (credentials instanceof ProviderCredentials.ApiKey apiKey) {
            return apiKey.username() == null
                    ? "the API key, sent without a user name"
                    : "the API key, sent as user " + OAuth2ConnectionService.cleaned(apiKey.username());
        }
        if (credentials instanceof ProviderCredentials.Bearer) {
            return "your OAuth2 access token";
        }
        return "no credentials";
    }

    private static String describe(ServiceInfo info) {
        StringBuilder said = new StringBuilder("the provider answered serviceInfo");
        if (info.publisher() != null) {
            said.append(": ").append(OAuth2ConnectionService.cleaned(info.publisher()));
        }
        if (info.webhookVersion() != null) {
            said.append(", webhook version ").append(OAuth2ConnectionService.cleaned(info.webhookVersion()));
        }
        return said.toString();
    }

    /** What the provider says about itself, each value cleaned and cut short; absent fields left out. */
    private static Map<String, String> details(ServiceInfo info) {
        Map<String, String> details = new LinkedHashMap<>();
        put(details, "publisher", info.publisher());
        put(details, "version", info.version());
        put(details, "webhookVersion", info.webhookVersion());
        if (!info.availableEndpoints().isEmpty()) {
            put(details, "availableEndpoints", String.join(", ", info.availableEndpoints()));
        }
        List<String> actions = info.customActions().stream()
                .map(action -> action instanceof Map<?, ?> fields
                        ? Objects.toString(fields.get("name"), Objects.toString(fields.get("label"), null))
                        : Objects.toString(action, null))
                .filter(Objects::nonNull)
                .toList();
        if (!actions.isEmpty()) {
            put(details, "customActions", String.join(", ", actions));
        }
        return details;
    }

    private static void put(Map<String, String> details, String name, String value) {
        if (value != null && !value.isBlank()) {
            details.put(name, OAuth2ConnectionService.cleaned(value));
        }
    }

    static String message(ProviderFailure failure) {
        String message = failure.providerStatus() > 0
                ? "the provider answered " + failure.providerStatus() + ": " + failure.getMessage()
                : failure.getMessage();
        return failure.providerMessage() == null
                ? message
                : message + " (the provider said: " + OAuth2ConnectionService.cleaned(failure.providerMessage()) + ")";
    }

    private static long elapsedMillis(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }
}
