package io.integrationregistry.bootstrap.bench;

import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.classic.methods.HttpPut;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.util.Timeout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * A keep-alive HTTP/1.1 client (Apache HttpClient 5, blocking) with one pooled connection per
 * concurrent caller, as a client program of the service would use.
 */
final class Http implements AutoCloseable {

    /** One answer: status, ETag and body. */
    record Answer(int status, String etag, String location, String body) {

        Answer requireStatus(int expected, String what) {
            if (status != expected) {
                throw new IllegalStateException(what + " answered " + status + ": " + body);
            }
            return this;
        }
    }

    private final CloseableHttpClient client;
    private final String base;
    private final Map<String, String> headers;

    private Http(String base, int connections, Map<String, String> headers) {
        PoolingHttpClientConnectionManager pool = PoolingHttpClientConnectionManagerBuilder.create()
                .setMaxConnTotal(connections)
                .setMaxConnPerRoute(connections)
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.ofSeconds(10))
                        .setSocketTimeout(Timeout.ofSeconds(60))
                        .build())
                .build();
        this.client = HttpClients.custom()
                .setConnectionManager(pool)
                .setDefaultRequestConfig(
                        RequestConfig.custom().setRedirectsEnabled(false).build())
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableContentCompression()
                .build();
        this.base = base;
        this.headers = Map.copyOf(headers);
    }

    /** A client signing in with HTTP Basic. */
    static Http basic(String base, int connections, String user, String password) {
        return new Http(
                base,
                connections,
                Map.of(
                        "Authorization",
                        "Basic "
                                + Base64.getEncoder()
                                        .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8))));
    }

    static Http withHeaders(String base, int connections, Map<String, String> headers) {
        return new Http(base, connections, headers);
    }

    Answer get(String path) {
        return send(new HttpGet(base + path));
    }

    Answer post(String path, String json) {
        HttpPost post = new HttpPost(base + path);
        post.setEntity(new StringEntity(json, ContentType.APPLICATION_JSON));
        return send(post);
    }

    Answer put(String path, String json, String ifMatch) {
        HttpPut put = new HttpPut(base + path);
        put.setEntity(new StringEntity(json, ContentType.APPLICATION_JSON));
        put.setHeader("If-Match", ifMatch);
        return send(put);
    }

    private Answer send(HttpUriRequestBase request) {
        headers.forEach(request::setHeader);
        try {
            return client.execute(request, response -> {
                Header etag = response.getFirstHeader("ETag");
                Header location = response.getFirstHeader("Location");
                String body = response.getEntity() == null ? "" : EntityUtils.toString(response.getEntity());
                return new Answer(
                        response.getCode(),
                        etag == null ? null : etag.getValue(),
                        location == null ? null : location.getValue(),
                        body);
            });
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
    }

    @Override
    public void close() {
        try {
            client.close();
        } catch (IOException ignored) {
            // closing a client that has nothing left to send
        }
    }
}
