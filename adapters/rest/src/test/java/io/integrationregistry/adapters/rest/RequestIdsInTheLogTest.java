package io.integrationregistry.adapters.rest;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.integrationregistry.application.shared.StorageUnavailable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.test.web.servlet.MvcResult;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.Mockito.doAnswer;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;

/**
 * Every line logged for a request carries its id, also when the work is done on another thread than the
 * one that took the request: an audit export is streamed by a task of its own, and a failure of that stream
 * is answered by a later dispatch of the request.
 */
class RequestIdsInTheLogTest extends WebLayerSlice {

    private static final String REQUEST_ID = "test-req-123";

    private final ListAppender<ILoggingEvent> answeredFailures = new ListAppender<>();
    /** The logger of every failure the API answers. */
    private final Logger failures =
            (Logger) LoggerFactory.getLogger("io.integrationregistry.adapters.rest.problem.RestExceptionHandler");

    @BeforeEach
    void listenToTheAnsweredFailures() {
        answeredFailures.start();
        failures.addAppender(answeredFailures);
    }

    @AfterEach
    void stopListening() {
        failures.detachAppender(answeredFailures);
    }

    @Test
    void theThreadThatStreamsAnExportLogsWithTheRequestId() throws Exception {
        CompletableFuture<Thread> streamingThread = new CompletableFuture<>();
        CompletableFuture<String> itsRequestId = new CompletableFuture<>();
        doAnswer(call -> {
                    streamingThread.complete(Thread.currentThread());
                    itsRequestId.complete(String.valueOf(MDC.get("requestId")));
                    return null;
                })
                .when(auditing)
                .export(any(), any(), any());

        MvcResult started = mvc.perform(get("/api/audit/export").with(auditor()).header(RequestIds.HEADER, REQUEST_ID))
                .andExpect(request().asyncStarted())
                .andReturn();
        mvc.perform(asyncDispatch(started));

        assertThat(streamingThread.join()).isNotSameAs(Thread.currentThread());
        assertThat(itsRequestId.join()).isEqualTo(REQUEST_ID);
    }

    @Test
    void aFailureOfAStreamedExportIsLoggedWithTheRequestId() throws Exception {
        doAnswer(call -> {
                    throw new StorageUnavailable("trail unreachable", null);
                })
                .when(auditing)
                .export(any(), any(), any());

        MvcResult started = mvc.perform(get("/api/audit/export").with(auditor()).header(RequestIds.HEADER, REQUEST_ID))
                .andExpect(request().asyncStarted())
                .andReturn();
        mvc.perform(asyncDispatch(started));

        assertThat(answeredFailures.list)
                .filteredOn(line -> line.getFormattedMessage().startsWith("Database unavailable"))
                .singleElement()
                .extracting(ILoggingEvent::getMDCPropertyMap)
                .isEqualTo(Map.of("requestId", REQUEST_ID));
    }

    @Test
    void theLogContextOfARequestHoldsItsIdAndNothingElse() throws Exception {
        doAnswer(call -> {
                    throw new StorageUnavailable("trail unreachable", null);
                })
                .when(auditing)
                .trail(any(), any(), any(), anyInt());

        mvc.perform(get("/api/audit").with(auditor()).header(RequestIds.HEADER, REQUEST_ID));

        assertThat(answeredFailures.list)
                .singleElement()
                .extracting(ILoggingEvent::getMDCPropertyMap)
                .isEqualTo(Map.of("requestId", REQUEST_ID));
    }
}
