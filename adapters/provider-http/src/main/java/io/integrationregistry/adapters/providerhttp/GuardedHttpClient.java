package io.integrationregistry.adapters.providerhttp;

import io.integrationregistry.application.documents.port.out.ProviderFailure;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.httpcomponents.hc5.PoolingHttpClientConnectionManagerMetricsBinder;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ScheduledThreadPoolExecutor;

/**
 * The one HTTP client through which the service talks to providers, built so that it can only reach
 * where the {@link OutboundGuard} lets it: every URL is judged before it is sent, and the connection
 * pool resolves host names through the guard alone and connects to exactly the addresses it checked.
 * Nothing is carried from one call to the next that a provider could plant: no cookies, no cached
 * authentication, no proxy taken from the environment, no automatic retry or redirect. A GET may be
 * redirected a few times, each hop judged again, and credentials go along only to the same origin.
 * Each call runs under a {@link CallDeadline} besides the timeouts of each connect and read, and one
 * provider (one route) can hold at most a quarter of the pooled connections.
 * Share one instance; close it when the service stops.
 */
public final class GuardedHttpClient implements AutoCloseable {

    /** Redirects a GET may follow before the call is refused. */
    public static final int MAX_REDIRECTS = 3;

    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
    private static final int MAX_CONNECTIONS = 200;
    private static final int MAX_CONNECTIONS_PER_PROVIDER = 50;

    private final OutboundGuard guard;
    private final ProviderHttpSettings settings;
    private final PoolingHttpClientConnectionManager pool;
    private final CloseableHttpClient client;
    /** Cancels calls past their deadline; one thread, as each timer only drops a connection. */
    private final ScheduledThreadPoolExecutor timers;

    public GuardedHttpClient(OutboundGuard guard, ProviderHttpSettings settings) {
        this.guard = Objects.requireNonNull(guard, "guard");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.pool = PoolingHttpClientConnectionManagerBuilder.create()
                .setDnsResolver(new GuardedDnsResolver(guard))
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(settings.connectTimeout()))
                        .setSocketTimeout(Timeout.of(settings.readTimeout()))
                        .build())
                .setMaxConnTotal(MAX_CONNECTIONS)
                .setMaxConnPerRoute(MAX_CONNECTIONS_PER_PROVIDER)
                .build();
        this.client = HttpClients.custom()
                .setConnectionManager(pool)
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setRedirectsEnabled(false)
                        .setAuthenticationEnabled(false)
                        .setContentCompressionEnabled(false)
                        .setConnectionRequestTimeout(Timeout.of(settings.connectTimeout()))
                        .setResponseTimeout(Timeout.of(settings.readTimeout()))
                        .build())
                .disableRedirectHandling()
                .disableCookieManagement()
                .disableAuthCaching()
                .disableAutomaticRetries()
                .disableContentCompression()
                .setUserAgent("integration-registry")
                .build();
        this.timers = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "provider-call-deadlines");
            thread.setDaemon(true);
            return thread;
        });
        timers.setRemoveOnCancelPolicy(true);
    }

    public ProviderHttpSettings settings() {
        return settings;
    }

    /**
     * The connection pool's meters (Micrometer's binder for Apache HttpClient 5), tagged {@code httpclient} with
     * {@code name}: the connections leased and available, the requests waiting for one, and the limits. Only the
     * pool's totals: no meter per provider host.
     */
    public MeterBinder poolMeters(String name) {
        return new PoolingHttpClientConnectionManagerMetricsBinder(pool, name);
    }

    /** The deadline of a JSON call, started now; the answer it is given to closes it. */
    CallDeadline callDeadline(String call) {
        return CallDeadline.ofCall(timers, settings, call);
    }

    /** The deadline and minimum rate of a download or upload, started now. */
    CallDeadline transferDeadline(String call) {
        return CallDeadline.ofTransfer(timers, settings, call);
    }

    /** {@link #send(HttpUriRequestBase, String, CallDeadline)} within a JSON call's deadline. */
    Answer send(HttpUriRequestBase request, String call) {
        return send(request, call, callDeadline(call));
    }

    /**
     * Sends the request once, without following a redirect, cancelled if the deadline passes. The
     * caller closes the answer, which closes the deadline; should no answer come, the deadline is closed
     * here. When the body of the request was an {@link UploadSource} that could not be read, that is
     * the caller's failure and comes back as an {@link UncheckedIOException}.
     *
     * @param call the endpoint's name, for failures
     */
    Answer send(HttpUriRequestBase request, String call, CallDeadline deadline) {
        boolean answered = false;
        try {
            Answer answer = sendOnce(request, call, deadline);
            answered = true;
            return answer;
        } finally {
            if (!answered) {
                deadline.close();
            }
        }
    }

    private Answer sendOnce(HttpUriRequestBase request, String call, CallDeadline deadline) {
        URI url = uriOf(request);
        try {
            guard.judge(url);
        } catch (OutboundRefused refused) {
            throw Failures.refused(refused, call);
        }
        deadline.watch(request);
        try {
            ClassicHttpResponse response = client.executeOpen(null, request, null);
            return new Answer(url, response, deadline);
        } catch (UploadSource.Failed sourceFailed) {
            throw new UncheckedIOException(sourceFailed.getMessage(), (IOException) sourceFailed.getCause());
        } catch (IOException failure) {
            throw deadline.failure(failure, url.getHost());
        } catch (OutboundRefused refused) {
            throw Failures.refused(refused, call);
        }
    }

    /** {@link #get(URI, List, List, String, CallDeadline)} within a JSON call's deadline. */
    Answer get(URI url, List<Header> headers, List<Header> credentials, String call) {
        return get(url, headers, credentials, call, callDeadline(call));
    }

    /**
     * A GET that follows up to {@link #MAX_REDIRECTS} redirects, each target judged by the guard, all
     * within the one deadline; the credential headers go only to the origin of {@code url}. The caller
     * closes the answer, which closes the deadline.
     */
    Answer get(URI url, List<Header> headers, List<Header> credentials, String call, CallDeadline deadline) {
        try {
            return follow(url, headers, credentials, call, deadline);
        } catch (RuntimeException | Error failure) {
            deadline.close();
            throw failure;
        }
    }

    private Answer follow(URI url, List<Header> headers, List<Header> credentials, String call, CallDeadline deadline) {
        URI current = url;
        for (int hop = 0; ; hop++) {
            HttpGet get = new HttpGet(current);
            headers.forEach(get::addHeader);
            if (sameOrigin(url, current)) {
                credentials.forEach(get::addHeader);
            }
            Answer answer = sendOnce(get, call, deadline);
            if (!REDIRECTS.contains(answer.status())) {
                return answer;
            }
            int status = answer.status();
            String location = answer.header("Location");
            answer.dropForNextHop();
            if (location == null || location.isBlank()) {
                throw Failures.unreadable(status, call, current.getHost(), "is a redirect without a Location");
            }
            if (hop == MAX_REDIRECTS) {
                throw new ProviderFailure(
                        ProviderFailure.Kind.OUTBOUND_REFUSED,
                        status,
                        null,
                        call + ": the provider redirected more than " + MAX_REDIRECTS + " times");
            }
            current = target(current, location.strip(), status, call);
        }
    }

    @Override
    public void close() {
        timers.shutdownNow();
        client.close(CloseMode.GRACEFUL);
    }

    private static URI target(URI current, String location, int status, String call) {
        try {
            URI resolved = current.resolve(new URI(location));
            // The fragment is the client's business, never sent.
            String raw = resolved.toString();
            int fragment = raw.indexOf('#');
            return fragment < 0 ? resolved : new URI(raw.substring(0, fragment));
        } catch (URISyntaxException | IllegalArgumentException unreadable) {
            throw Failures.unreadable(status, call, current.getHost(), "redirects to a URL that cannot be read");
        }
    }

    static boolean sameOrigin(URI a, URI b) {
        return Objects.equals(lower(a.getScheme()), lower(b.getScheme()))
                && Objects.equals(lower(a.getHost()), lower(b.getHost()))
                && port(a) == port(b);
    }

    private static int port(URI url) {
        if (url.getPort() >= 0) {
            return url.getPort();
        }
        return "https".equals(lower(url.getScheme())) ? 443 : 80;
    }

    private static String lower(String value) {
        return value == null ? null : value.toLowerCase(Locale.ROOT);
    }

    private static URI uriOf(HttpUriRequestBase request) {
        try {
            return request.getUri();
        } catch (URISyntaxException unreadable) {
            throw new IllegalArgumentException("the request URL cannot be read", unreadable);
        }
    }
}
