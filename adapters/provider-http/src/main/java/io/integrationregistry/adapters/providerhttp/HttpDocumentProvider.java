package io.integrationregistry.adapters.providerhttp;

import com.fasterxml.jackson.databind.JsonNode;
import io.integrationregistry.application.documents.port.out.DeletionTarget;
import io.integrationregistry.application.documents.port.out.DocumentMetadata;
import io.integrationregistry.application.documents.port.out.ForCallingProviders;
import io.integrationregistry.application.documents.port.out.ForReportingTheWire;
import io.integrationregistry.application.documents.port.out.OperationResult;
import io.integrationregistry.application.documents.port.out.ProviderContent;
import io.integrationregistry.application.documents.port.out.ProviderCredentials;
import io.integrationregistry.application.documents.port.out.ProviderEndpoint;
import io.integrationregistry.application.documents.port.out.ProviderFailure;
import io.integrationregistry.application.documents.port.out.ServiceInfo;
import io.integrationregistry.application.documents.port.out.UploadTarget;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.classic.methods.HttpPut;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.io.entity.InputStreamEntity;
import org.apache.hc.core5.http.message.BasicHeader;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The Document Webhooks API over HTTP, through the {@link GuardedHttpClient}: each call
 * goes to the integration's base URL plus the endpoint name, with the integration's request parameters,
 * the call's own parameters and the credentials in headers. JSON answers are read within a size limit
 * and tolerantly; downloads are handed on still streaming. Whatever goes wrong becomes a
 * {@link ProviderFailure} whose text never holds a credential, and nothing here is logged.
 */
public final class HttpDocumentProvider implements ForCallingProviders, AutoCloseable {

    private static final List<Header> ACCEPT_JSON = List.of(new BasicHeader(HttpHeaders.ACCEPT, "application/json"));

    private final GuardedHttpClient client;
    private final boolean ownsClient;
    private final ProviderHttpSettings settings;

    /** A provider client with its own connection pool, closed by {@link #close()}. */
    public HttpDocumentProvider(OutboundGuard guard, ProviderHttpSettings settings) {
        this(new GuardedHttpClient(guard, settings), true);
    }

    /** A provider client on a shared pool, which whoever created it closes. */
    public HttpDocumentProvider(GuardedHttpClient client) {
        this(client, false);
    }

    private HttpDocumentProvider(GuardedHttpClient client, boolean ownsClient) {
        this.client = Objects.requireNonNull(client, "client");
        this.ownsClient = ownsClient;
        this.settings = client.settings();
    }

    @Override
    public ServiceInfo serviceInfo(ProviderEndpoint endpoint, ProviderCredentials credentials) {
        return getJson(endpoint, credentials, "serviceInfo", CallParameters.none(), ProviderJson::serviceInfo);
    }

    @Override
    public DocumentMetadata metadata(ProviderEndpoint endpoint, ProviderCredentials credentials, String id) {
        return getJson(endpoint, credentials, "metadata", CallParameters.with("id", id), ProviderJson::metadata);
    }

    @Override
    public List<DocumentMetadata> files(
            ProviderEndpoint endpoint, ProviderCredentials credentials, String parentId, Integer max, Integer offset) {
        return getJson(
                endpoint,
                credentials,
                "files",
                CallParameters.with("parentId", parentId).and("max", max).and("offset", offset),
                ProviderJson::metadataList);
    }

    @Override
    public List<DocumentMetadata> search(
            ProviderEndpoint endpoint,
            ProviderCredentials credentials,
            String query,
            String parentId,
            Integer max,
            Integer offset) {
        return getJson(
                endpoint,
                credentials,
                "search",
                CallParameters.with("query", query)
                        .and("parentId", parentId)
                        .and("max", max)
                        .and("offset", offset),
                ProviderJson::metadataList);
    }

    @Override
    public ProviderContent download(ProviderEndpoint endpoint, ProviderCredentials credentials, String id) {
        return content(endpoint, credentials, "download", CallParameters.with("id", id));
    }

    @Override
    public ProviderContent thumbnail(
            ProviderEndpoint endpoint, ProviderCredentials credentials, String id, Integer size) {
        return content(
                endpoint,
                credentials,
                "thumbnail",
                CallParameters.with("id", id).and("size", size));
    }

    @Override
    public DocumentMetadata uploadInit(
            ProviderEndpoint endpoint, ProviderCredentials credentials, UploadTarget target) {
        CallParameters parameters = CallParameters.with("parentId", target.parentId())
                .and("filename", target.filename())
                .and("documentId", target.documentId())
                .and("documentVersionId", target.documentVersionId());
        HttpPost post = new HttpPost(endpoint.url("uploadInit", parameters.list()));
        return sendJson(post, credentials, "uploadInit", ProviderJson::metadata, endpoint.wire());
    }

    @Override
    public OperationResult upload(
            ProviderEndpoint endpoint,
            ProviderCredentials credentials,
            String id,
            InputStream body,
            long length,
            String contentType) {
        HttpPut put =
                new HttpPut(endpoint.url("upload", CallParameters.with("id", id).list()));
        CallDeadline deadline = client.transferDeadline("upload");
        put.setEntity(new InputStreamEntity(
                new UploadSource(body, deadline::moved),
                length < 0 ? -1 : length,
                UploadSource.contentType(contentType)));
        return operation(
                send(put, credentials, "upload", deadline, endpoint.wire()), credentials, "upload", endpoint.wire());
    }

    @Override
    public DocumentMetadata createFolder(
            ProviderEndpoint endpoint, ProviderCredentials credentials, String parentId, String name) {
        HttpPost post = new HttpPost(endpoint.url(
                "createFolder",
                CallParameters.with("parentId", parentId).and("name", name).list()));
        return sendJson(post, credentials, "createFolder", ProviderJson::metadata, endpoint.wire());
    }

    @Override
    public OperationResult delete(ProviderEndpoint endpoint, ProviderCredentials credentials, DeletionTarget target) {
        HttpPut put = new HttpPut(endpoint.url(
                "delete",
                CallParameters.with(target.kind().parameter(), target.id()).list()));
        return operation(put, credentials, "delete", endpoint.wire());
    }

    @Override
    public OperationResult rename(ProviderEndpoint endpoint, ProviderCredentials credentials, String id, String name) {
        HttpPut put = new HttpPut(endpoint.url(
                "rename", CallParameters.with("id", id).and("name", name).list()));
        return operation(put, credentials, "rename", endpoint.wire());
    }

    @Override
    public void close() {
        if (ownsClient) {
            client.close();
        }
    }

    private <T> T getJson(
            ProviderEndpoint endpoint,
            ProviderCredentials credentials,
            String call,
            CallParameters parameters,
            Function<JsonNode, T> reader) {
        URI url = endpoint.url(call, parameters.list());
        List<Header> credentialHeaders = CredentialHeaders.of(credentials);
        Answer answer = client.get(url, ACCEPT_JSON, credentialHeaders, call);
        endpoint.wire().answered(answer.status());
        if (!credentialHeaders.isEmpty() && answer.isSuccess() && !GuardedHttpClient.sameOrigin(url, answer.url())) {
            // The credentials stayed with the origin called: an answer from elsewhere does not say they work.
            int status = answer.status();
            String elsewhere = host(answer);
            answer.close();
            throw ProviderFailure.credentialsNotSent(
                    status,
                    call + ": the provider redirected the call to " + "another origin (" + elsewhere
                            + "), where the credentials are not sent");
        }
        return readJson(answer, credentials, call, reader, endpoint.wire());
    }

    private <T> T sendJson(
            HttpUriRequestBase request,
            ProviderCredentials credentials,
            String call,
            Function<JsonNode, T> reader,
            ForReportingTheWire wire) {
        return readJson(
                send(request, credentials, call, client.callDeadline(call), wire), credentials, call, reader, wire);
    }

    private <T> T readJson(
            Answer answer,
            ProviderCredentials credentials,
            String call,
            Function<JsonNode, T> reader,
            ForReportingTheWire wire) {
        try (answer) {
            requireSuccess(answer, credentials, call);
            byte[] body = answer.readAtMost(settings.maxAnswerBytes());
            wire.read(body.length);
            T value = reader.apply(ProviderJson.tree(body));
            if (value == null) {
                throw Failures.unreadable(answer.status(), call, host(answer), "is not what the API describes");
            }
            return value;
        } catch (IOException failure) {
            throw answer.failure(failure);
        }
    }

    private OperationResult operation(
            HttpUriRequestBase request, ProviderCredentials credentials, String call, ForReportingTheWire wire) {
        return operation(send(request, credentials, call, client.callDeadline(call), wire), credentials, call, wire);
    }

    private OperationResult operation(
            Answer answer, ProviderCredentials credentials, String call, ForReportingTheWire wire) {
        try (answer) {
            requireSuccess(answer, credentials, call);
            byte[] body = answer.readAtMost(settings.maxAnswerBytes());
            wire.read(body.length);
            if (answer.status() == 204 || body.length == 0) {
                return OperationResult.succeeded();
            }
            OperationResult result =
                    ProviderJson.operation(ProviderJson.tree(body), CredentialHeaders.secrets(credentials));
            if (result == null) {
                throw Failures.unreadable(answer.status(), call, host(answer), "says neither success nor failure");
            }
            return result;
        } catch (IOException failure) {
            throw answer.failure(failure);
        }
    }

    private ProviderContent content(
            ProviderEndpoint endpoint, ProviderCredentials credentials, String call, CallParameters parameters) {
        URI url = endpoint.url(call, parameters.list());
        Answer answer =
                client.get(url, List.of(), CredentialHeaders.of(credentials), call, client.transferDeadline(call));
        endpoint.wire().answered(answer.status());
        try {
            requireSuccess(answer, credentials, call);
            InputStream body = new ProviderBytes(answer.streamAtMost(settings.maxDownloadBytes()), answer);
            String contentType = answer.contentType();
            return new ProviderContent(
                    contentType == null || contentType.isBlank()
                            ? ContentType.APPLICATION_OCTET_STREAM.getMimeType()
                            : contentType,
                    answer.contentLength(),
                    body);
        } catch (IOException failure) {
            answer.close();
            throw answer.failure(failure);
        } catch (RuntimeException failure) {
            answer.close();
            throw failure;
        }
    }

    /** Sends the request with the credentials, and tells {@code wire} the status answered. */
    private Answer send(
            HttpUriRequestBase request,
            ProviderCredentials credentials,
            String call,
            CallDeadline deadline,
            ForReportingTheWire wire) {
        ACCEPT_JSON.forEach(request::addHeader);
        CredentialHeaders.of(credentials).forEach(request::addHeader);
        Answer answer = client.send(request, call, deadline);
        wire.answered(answer.status());
        return answer;
    }

    /** Throws the failure an error status stands for, with the provider's cleaned explanation. */
    private static void requireSuccess(Answer answer, ProviderCredentials credentials, String call) {
        if (!answer.isSuccess()) {
            throw Failures.of(answer, CredentialHeaders.secrets(credentials), call);
        }
    }

    private static String host(Answer answer) {
        return answer.url().getHost();
    }
}
