package io.integrationregistry.bootstrap.bench;

import com.mongodb.event.CommandFailedEvent;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import com.mongodb.event.CommandSucceededEvent;
import org.bson.BsonDocument;
import org.bson.BsonValue;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the database commands the service's MongoDB client sends while switched on, by command and
 * collection, with the time each took as the client saw it (waiting for the server included). Switched
 * off, it costs one volatile read per command.
 */
final class MongoCommandStats implements CommandListener {

    private record Totals(LongAdder count, LongAdder nanos) {}

    private final Map<Integer, String> started = new ConcurrentHashMap<>();
    private final Map<String, Totals> totals = new ConcurrentHashMap<>();
    private volatile boolean on;

    void start() {
        totals.clear();
        started.clear();
        on = true;
    }

    void stop() {
        on = false;
    }

    @Override
    public void commandStarted(CommandStartedEvent event) {
        if (on) {
            started.put(event.getRequestId(), key(event.getCommandName(), event.getCommand()));
        }
    }

    @Override
    public void commandSucceeded(CommandSucceededEvent event) {
        finished(event.getRequestId(), event.getElapsedTime(TimeUnit.NANOSECONDS));
    }

    @Override
    public void commandFailed(CommandFailedEvent event) {
        finished(event.getRequestId(), event.getElapsedTime(TimeUnit.NANOSECONDS));
    }

    private void finished(int requestId, long nanos) {
        String key = started.remove(requestId);
        if (key != null) {
            Totals sum = totals.computeIfAbsent(key, k -> new Totals(new LongAdder(), new LongAdder()));
            sum.count().increment();
            sum.nanos().add(nanos);
        }
    }

    /** How many commands of each kind were counted since {@link #start()}. */
    Map<String, Long> counts() {
        Map<String, Long> counts = new java.util.TreeMap<>();
        totals.forEach((key, sum) -> counts.put(key, sum.count().sum()));
        return counts;
    }

    /** The commands by total time, most first: count, total and mean time. */
    List<String> top(int limit) {
        return totals.entrySet().stream()
                .sorted((a, b) -> Long.compare(
                        b.getValue().nanos().sum(), a.getValue().nanos().sum()))
                .limit(limit)
                .map(entry -> {
                    long count = entry.getValue().count().sum();
                    double millis = entry.getValue().nanos().sum() / 1e6;
                    return String.format(
                            Locale.ROOT,
                            "%,8.0f ms %,7d x %8.2f ms  %s",
                            millis,
                            count,
                            millis / Math.max(1, count),
                            entry.getKey());
                })
                .toList();
    }

    private static String key(String command, BsonDocument body) {
        BsonValue target = body.get(command);
        if (command.equals("getMore") && body.containsKey("collection")) {
            target = body.get("collection");
        }
        String collection =
                target != null && target.isString() ? target.asString().getValue() : "";
        if ((command.equals("find")
                        || command.equals("delete")
                        || command.equals("update")
                        || command.equals("findAndModify"))
                && !collection.isEmpty()) {
            return command + " " + collection + " " + shape(body, command);
        }
        return (command + " " + collection).strip();
    }

    /** The fields a query filters and sorts on, without values: which query it is. */
    private static String shape(BsonDocument body, String command) {
        BsonValue filter = switch (command) {
            case "find" -> body.get("filter");
            case "findAndModify" -> body.get("query");
            default -> {
                String list = command.equals("update") ? "updates" : "deletes";
                yield body.containsKey(list) && !body.getArray(list).isEmpty()
                        ? body.getArray(list).get(0).asDocument().get("q")
                        : null;
            }
        };
        StringBuilder shape = new StringBuilder("{");
        if (filter != null && filter.isDocument()) {
            shape.append(String.join(",", filter.asDocument().keySet()));
        }
        shape.append('}');
        if (body.containsKey("sort") && body.get("sort").isDocument()) {
            shape.append(" sort{")
                    .append(String.join(",", body.getDocument("sort").keySet()))
                    .append('}');
        }
        return shape.toString();
    }
}
