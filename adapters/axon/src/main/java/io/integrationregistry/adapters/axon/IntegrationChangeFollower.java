package io.integrationregistry.adapters.axon;

import io.integrationregistry.application.connections.port.in.ForNoticingIntegrationChanges;
import io.integrationregistry.domain.IntegrationEvent;
import io.integrationregistry.domain.IntegrationId;
import org.axonframework.common.Registration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Tells provider calls of every event stored, on any instance, within a second. An event stored here is told
 * at once, as the command commits; it is also given as a notice in {@link IntegrationChangeNotices}, in one
 * write per burst off the command's thread, and every instance reads the notices it has not seen every
 * {@code every}. After each successful read the kept integrations may serve for {@code validFor} without asking
 * the store; should reading the notices fail for longer, provider calls ask the store again.
 * <p>
 * Each instance reads all the notices itself, with its position in memory: the projections' processors split
 * their segments across instances, so none of them sees every event on every instance.
 */
final class IntegrationChangeFollower implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(IntegrationChangeFollower.class);

    private final EventStore events;
    private final IntegrationChangeNotices notices;
    private final ForNoticingIntegrationChanges listener;
    private final Duration every;
    private final Duration validFor;
    private final String instance;
    private final LinkedBlockingQueue<IntegrationChangeNotices.Notice> toGive = new LinkedBlockingQueue<>();

    private volatile boolean running;
    /** Only the follower's thread reads and writes it: a failure is logged once, not every round. */
    private boolean failing;

    private Registration subscription;
    private Thread thread;

    IntegrationChangeFollower(
            EventStore events,
            IntegrationChangeNotices notices,
            ForNoticingIntegrationChanges listener,
            Duration every,
            Duration validFor,
            String instance) {
        this.events = events;
        this.notices = notices;
        this.listener = listener;
        this.every = every;
        this.validFor = validFor;
        this.instance = instance;
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        subscription = events.subscribe(this::stored);
        thread = new Thread(this::follow, "integration-change-follower");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (subscription != null) {
            subscription.cancel();
        }
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(every.toMillis() * 4 + 1_000);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        giveWhatIsLeft();
    }

    /** The notices of events stored as the instance stops, lest the others wait for the recheck to see them. */
    private void giveWhatIsLeft() {
        List<IntegrationChangeNotices.Notice> left = new ArrayList<>();
        toGive.drainTo(left);
        if (left.isEmpty()) {
            return;
        }
        try {
            notices.give(left);
        } catch (RuntimeException failure) {
            log.warn(
                    "Could not give the last notices of changed integrations: {}",
                    failure.getClass().getName());
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Called on the storing thread: forgets at once, and again once the command committed. Never throws. */
    private void stored(List<? extends EventMessage<?>> stored) {
        try {
            List<IntegrationId> changed = new ArrayList<>();
            for (EventMessage<?> message : stored) {
                if (message.getPayload() instanceof IntegrationEvent event) {
                    changed.add(event.integrationId());
                }
            }
            changed.forEach(listener::changed);
            CurrentUnitOfWork.ifStarted(unit -> unit.afterCommit(committed -> changed.forEach(listener::changed)));
            changed.forEach(id -> toGive.add(new IntegrationChangeNotices.Notice(id.value(), instance)));
        } catch (RuntimeException failure) {
            log.warn(
                    "Could not note a stored event for provider calls: {}",
                    failure.getClass().getName());
        }
    }

    private void follow() {
        long seen = -1;
        long nextRead = System.nanoTime();
        List<IntegrationChangeNotices.Notice> pending = new ArrayList<>();
        while (running) {
            try {
                long wait = Math.max(0, nextRead - System.nanoTime());
                IntegrationChangeNotices.Notice first = toGive.poll(wait, TimeUnit.NANOSECONDS);
                if (first != null) {
                    pending.add(first);
                    toGive.drainTo(pending);
                }
                if (!pending.isEmpty()) {
                    notices.give(pending);
                    pending.clear();
                }
                if (System.nanoTime() - nextRead >= 0) {
                    long began = System.nanoTime();
                    seen = read(seen);
                    listener.caughtUp(validFor.minusNanos(System.nanoTime() - began));
                    nextRead = began + every.toNanos();
                    if (failing) {
                        failing = false;
                        log.info("Following the integration changes again");
                    }
                }
            } catch (InterruptedException interrupted) {
                return;
            } catch (RuntimeException failure) {
                // Kept integrations stop serving unasked once validFor passes; retried at the next round.
                if (!failing) {
                    failing = true;
                    log.warn(
                            "Cannot follow the integration changes ({}); provider calls ask the event store"
                                    + " until it can again",
                            failure.getClass().getName());
                }
                nextRead = System.nanoTime() + every.toNanos();
                if (!running) {
                    return;
                }
            }
        }
    }

    /** Forgets what the notices past {@code seen} name; answers the new position. */
    private long read(long seen) {
        if (seen < 0) {
            // Starts at the head; whatever was kept before then is dropped, after the head is read.
            long head = notices.count();
            listener.anythingMayHaveChanged();
            return head;
        }
        IntegrationChangeNotices.Seen read = notices.since(seen);
        if (read.missedSome()) {
            listener.anythingMayHaveChanged();
        }
        for (IntegrationChangeNotices.Notice notice : read.notices()) {
            if (!notice.instance().equals(instance)) {
                listener.changed(new IntegrationId(notice.integration()));
            }
        }
        return read.count();
    }
}
