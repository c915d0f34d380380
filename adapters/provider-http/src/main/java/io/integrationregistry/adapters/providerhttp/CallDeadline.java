package io.integrationregistry.adapters.providerhttp;

import io.integrationregistry.application.documents.port.out.ProviderFailure;
import org.apache.hc.core5.concurrent.Cancellable;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The whole time one provider call may take, from the first connection to the last byte of its answer,
 * redirects included; for a transfer also the fewest bytes it must move in each window. The read
 * timeout alone bounds only the wait for each read, which a provider sending a byte now and then never
 * reaches. When the deadline passes or the transfer is too slow, the request under way is cancelled:
 * its connection is dropped, whatever read or write is blocked on it fails at once, and that failure is
 * reported as a {@link ProviderFailure.Kind#TIMEOUT}. Closing it stops its timers.
 */
final class CallDeadline implements AutoCloseable {

    private final String call;
    private final AtomicLong moved = new AtomicLong();
    private final ScheduledFuture<?> deadline;
    private final ScheduledFuture<?> rateCheck;
    private volatile Cancellable current;
    private volatile String expired;
    private long movedAtLastCheck;

    private CallDeadline(
            ScheduledExecutorService timers, String call, Duration limit, long minimumRate, Duration window) {
        this.call = call;
        this.deadline = timers.schedule(
                () -> expire("did not complete within " + seconds(limit)), limit.toNanos(), TimeUnit.NANOSECONDS);
        if (minimumRate > 0) {
            long minimumPerWindow = Math.max(1, minimumRate * window.toMillis() / 1000);
            this.rateCheck = timers.scheduleAtFixedRate(
                    () -> checkRate(minimumPerWindow, minimumRate),
                    window.toNanos(),
                    window.toNanos(),
                    TimeUnit.NANOSECONDS);
        } else {
            this.rateCheck = null;
        }
    }

    /** A JSON call: one deadline for all of it. */
    static CallDeadline ofCall(ScheduledExecutorService timers, ProviderHttpSettings settings, String call) {
        return new CallDeadline(timers, call, settings.callDeadline(), 0, settings.transferRateWindow());
    }

    /** A download or upload: a longer deadline, and a minimum rate. */
    static CallDeadline ofTransfer(ScheduledExecutorService timers, ProviderHttpSettings settings, String call) {
        return new CallDeadline(
                timers,
                call,
                settings.transferDeadline(),
                settings.minimumTransferRate(),
                settings.transferRateWindow());
    }

    /** The request now under way for this call; cancelled at once if the call is already over time. */
    void watch(Cancellable request) {
        current = request;
        if (expired != null) {
            request.cancel();
        }
    }

    /** Bytes moved to or from the provider. */
    void moved(long bytes) {
        if (bytes > 0) {
            moved.addAndGet(bytes);
        }
    }

    boolean expired() {
        return expired != null;
    }

    /** What an I/O failure of this call means: the deadline's failure once it passed, else the failure itself. */
    ProviderFailure failure(IOException failure, String host) {
        String why = expired;
        if (why != null) {
            return new ProviderFailure(ProviderFailure.Kind.TIMEOUT, "the call " + call + " at " + host + " " + why);
        }
        return Failures.of(failure, call, host);
    }

    @Override
    public void close() {
        deadline.cancel(false);
        if (rateCheck != null) {
            rateCheck.cancel(false);
        }
    }

    private void checkRate(long minimumPerWindow, long minimumRate) {
        long now = moved.get();
        if (now - movedAtLastCheck < minimumPerWindow) {
            expire("moved fewer than " + minimumRate + " bytes a second");
        }
        movedAtLastCheck = now;
    }

    private void expire(String why) {
        if (expired != null) {
            return;
        }
        expired = why;
        close();
        Cancellable request = current;
        if (request != null) {
            request.cancel();
        }
    }

    private static String seconds(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }
}
