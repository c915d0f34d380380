package io.integrationregistry.application.documents;

import io.integrationregistry.application.connections.port.in.ForCallingProvidersAsUsers.ProviderCall;
import io.integrationregistry.application.documents.port.out.ForObservingProviderCalls;
import io.integrationregistry.application.documents.port.out.ForReportingTheWire;
import io.integrationregistry.application.documents.port.out.OperationResult;
import io.integrationregistry.application.documents.port.out.ProviderCallOutcome;
import io.integrationregistry.application.documents.port.out.ProviderCallRecord;
import io.integrationregistry.application.documents.port.out.ProviderContent;
import io.integrationregistry.application.documents.port.out.ProviderFailure;
import io.integrationregistry.application.shared.Caller;
import io.integrationregistry.domain.IntegrationId;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * Tells the observers of every provider call made for a user how it ended: each attempt is one call, so
 * a call retried with a fresh token is observed twice. A download is observed when its bytes are closed,
 * with all the bytes read and the whole time taken. Observing never changes what the call answers or
 * throws, and an observer that fails is ignored.
 */
final class ObservedCalls {

    private final ForObservingProviderCalls observer;
    private final Clock clock;

    ObservedCalls(ForObservingProviderCalls observer, Clock clock) {
        this.observer = observer;
        this.clock = clock;
    }

    /** The call, observed as {@code endpoint}; its bytes are those it reads. */
    <T> ProviderCall<T> of(Caller caller, IntegrationId integration, String endpoint, ProviderCall<T> call) {
        return of(caller, integration, endpoint, null, call);
    }

    /** The call, observed as {@code endpoint}, its bytes those {@code sent} counts. */
    <T> ProviderCall<T> of(
            Caller caller, IntegrationId integration, String endpoint, LongSupplier sent, ProviderCall<T> call) {
        return (where, credentials) -> {
            Observation observation = new Observation(caller, integration, endpoint, sent);
            T answer;
            try {
                answer = call.with(where.reportingTo(observation), credentials);
            } catch (ProviderFailure failure) {
                observation.failed(failure);
                throw failure;
            } catch (RuntimeException | Error failure) {
                observation.ended(ProviderCallOutcome.ABORTED, null);
                throw failure;
            }
            if (answer instanceof ProviderContent content) {
                @SuppressWarnings("unchecked")
                T streaming = (T) observation.streaming(content);
                return streaming;
            }
            if (answer instanceof OperationResult result && !result.success()) {
                // The provider answered, and said it did not do it: to the caller a provider error.
                observation.ended(ProviderCallOutcome.PROVIDER_ERROR, result.error());
            } else {
                observation.ended(ProviderCallOutcome.SUCCESS, null);
            }
            return answer;
        };
    }

    /** One call under way: what the wire showed of it so far. */
    private final class Observation implements ForReportingTheWire {

        private final Caller caller;
        private final IntegrationId integration;
        private final String endpoint;
        private final LongSupplier sent;
        private final Instant at = clock.instant();
        private final long started = System.nanoTime();
        private final AtomicBoolean ended = new AtomicBoolean();
        private volatile int status;
        private volatile long bytesRead = -1;

        Observation(Caller caller, IntegrationId integration, String endpoint, LongSupplier sent) {
            this.caller = caller;
            this.integration = integration;
            this.endpoint = endpoint;
            this.sent = sent;
        }

        @Override
        public void answered(int status) {
            this.status = status;
        }

        @Override
        public void read(long bytes) {
            bytesRead = Math.max(0, bytesRead) + bytes;
        }

        void failed(ProviderFailure failure) {
            if (failure.providerStatus() > 0) {
                status = failure.providerStatus();
            }
            ended(ProviderCallOutcome.of(failure), failure.providerMessage());
        }

        void ended(ProviderCallOutcome outcome, String providerMessage) {
            if (!ended.compareAndSet(false, true)) {
                return;
            }
            long bytes = sent == null ? bytesRead : sent.getAsLong();
            ProviderCallRecord record = new ProviderCallRecord(
                    integration,
                    caller.company(),
                    at,
                    caller.actor().login(),
                    endpoint,
                    status,
                    outcome,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started),
                    bytes,
                    caller.origin().requestId(),
                    providerMessage);
            try {
                observer.observed(record);
            } catch (RuntimeException ignored) {
                // Observing is no part of the call: a failing observer loses its record, not the call.
            }
        }

        ProviderContent streaming(ProviderContent content) {
            bytesRead = 0;
            CountingInputStream counted = new CountingInputStream(content.body()) {
                @Override
                public int read() throws IOException {
                    return observed(super::read);
                }

                @Override
                public int read(byte[] buffer, int offset, int length) throws IOException {
                    return observed(() -> super.read(buffer, offset, length));
                }

                @Override
                public void close() throws IOException {
                    try {
                        super.close();
                    } finally {
                        bytesRead = count();
                        ended(ProviderCallOutcome.SUCCESS, null);
                    }
                }

                private int observed(Read reading) throws IOException {
                    try {
                        return reading.read();
                    } catch (ProviderFailure failure) {
                        bytesRead = count();
                        failed(failure);
                        throw failure;
                    }
                }
            };
            return new ProviderContent(content.contentType(), content.length(), counted);
        }
    }

    @FunctionalInterface
    private interface Read {
        int read() throws IOException;
    }
}
