package io.integrationregistry.application.testdoubles;

import io.integrationregistry.application.connections.port.out.ConnectionTestRecord;
import io.integrationregistry.application.connections.port.out.ForRecordingConnectionTests;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** The connection tests recorded, in memory, in the order they were recorded. */
public final class InMemoryConnectionTestRecords implements ForRecordingConnectionTests {

    public final List<ConnectionTestRecord> records = new CopyOnWriteArrayList<>();

    @Override
    public void record(ConnectionTestRecord test) {
        records.add(test);
    }
}
