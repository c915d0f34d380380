package io.integrationregistry.bootstrap.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import io.integrationregistry.domain.CompanyId;
import org.bson.Document;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * B6: one page of a company's integrations through {@code GET /api/integrations?page=} against the same
 * page read with the driver ({@code find} by company, sorted by name key and id, skip and limit), one
 * request at a time.
 */
final class ReadPath {

    static final int INTEGRATIONS = 10_000;
    static final int PAGE_SIZE = 50;
    private static final int WARM_UP_REQUESTS = 30;
    private static final int MIN_REQUESTS = 20;

    private final Bench bench;

    ReadPath(Bench bench) {
        this.bench = bench;
    }

    Figure run() throws Exception {
        long begin = System.nanoTime();
        CompanyId company = new CompanyId(Service.READER_COMPANY);
        Seeder.Seeded seeded = bench.seedWithReadModels(() -> bench.seeder.integrations(
                company, "Read path", INTEGRATIONS, 1, Seeder.Shape.EDITS_AND_SWITCHES, true));
        bench.log("B6 seeded " + INTEGRATIONS + " integrations in " + Format.number(seeded.seconds()) + " s");
        int pages = INTEGRATIONS / PAGE_SIZE;
        MongoCollection<Document> list = bench.collection("integration_list");
        try (Http client = bench.service.reader(1)) {
            JsonNode first = new ObjectMapper()
                    .readTree(client.get("/api/integrations?page=0&size=" + PAGE_SIZE)
                            .requireStatus(200, "GET /api/integrations")
                            .body());
            if (first.path("total").asLong() != INTEGRATIONS
                    || first.path("items").size() != PAGE_SIZE) {
                throw new IllegalStateException("unexpected page: total " + first.path("total") + ", "
                        + first.path("items").size() + " items");
            }
            Random random = new Random(42);
            List<Integer> warmPages = pages(pages, WARM_UP_REQUESTS, random);
            long[] warmGet = gets(client, warmPages);
            raws(list, company, warmPages);
            double perRequest = Stats.percentileMillis(warmGet, 0.5) / 1000.0;
            int requests = (int)
                    Math.min(pages, bench.size("B6", 1 / perRequest, bench.secondsPerRep("B6") * 0.7, 0, MIN_REQUESTS));
            bench.log("B6 at " + requests + " pages per run");
            List<Double> getP50 = new ArrayList<>();
            List<Double> getP99 = new ArrayList<>();
            List<Double> rawP50 = new ArrayList<>();
            List<Double> rawP99 = new ArrayList<>();
            for (int rep = 0; rep < bench.reps(); rep++) {
                List<Integer> order = pages(pages, requests, random);
                long[] get = gets(client, order);
                long[] raw = raws(list, company, order);
                getP50.add(Stats.percentileMillis(get, 0.5));
                getP99.add(Stats.percentileMillis(get, 0.99));
                rawP50.add(Stats.percentileMillis(raw, 0.5));
                rawP99.add(Stats.percentileMillis(raw, 0.99));
            }
            Figure figure = new Figure(
                            "B6",
                            bench.target,
                            "read path: GET /api/integrations?page= for a company of " + Format.count(INTEGRATIONS)
                                    + " integrations, one client")
                    .size(INTEGRATIONS, INTEGRATIONS, "integrations")
                    .measured("GET p50", Stats.of(getP50), "ms")
                    .baseline("raw find p50", Stats.of(rawP50), "ms");
            figure.sizeDetails.add(requests + " random pages of " + PAGE_SIZE + " per run; "
                    + Format.count(list.estimatedDocumentCount()) + " list entries in all");
            figure.ratio(
                    "raw-find/GET p50", figure.baseline.median() / figure.measured.median(), Figure.Goal.AT_LEAST, 0.5);
            Stats getTail = Stats.of(getP99);
            Stats rawTail = Stats.of(rawP99);
            figure.extraText = "p99: GET " + getTail.format("ms") + ", raw " + rawTail.format("ms");
            figure.extra.put("getP99Millis", getTail.median());
            figure.extra.put("rawP99Millis", rawTail.median());
            figure.extra.put("p99Ratio", rawTail.median() / getTail.median());
            figure.notes.add("the company's list entries are written in the shape the list projection gives them");
            figure.notes.add(
                    "the service also counts the company's entries for the page's total; the raw find does not");
            figure.seconds = (System.nanoTime() - begin) / 1e9;
            bench.profileIfMissed(figure, () -> gets(client, pages(pages, requests, random)));
            return figure;
        }
    }

    private static List<Integer> pages(int pages, int count, Random random) {
        List<Integer> all = new ArrayList<>();
        for (int page = 0; page < pages; page++) {
            all.add(page);
        }
        Collections.shuffle(all, random);
        return all.subList(0, Math.min(count, pages));
    }

    private static long[] gets(Http client, List<Integer> pages) {
        long[] nanos = new long[pages.size()];
        for (int i = 0; i < pages.size(); i++) {
            long begin = System.nanoTime();
            client.get("/api/integrations?page=" + pages.get(i) + "&size=" + PAGE_SIZE)
                    .requireStatus(200, "GET /api/integrations");
            nanos[i] = System.nanoTime() - begin;
        }
        return nanos;
    }

    private static long[] raws(MongoCollection<Document> list, CompanyId company, List<Integer> pages) {
        long[] nanos = new long[pages.size()];
        for (int i = 0; i < pages.size(); i++) {
            long begin = System.nanoTime();
            List<Document> page = list.find(Filters.eq("companyId", company.value()))
                    .sort(Sorts.ascending("nameKey", "_id"))
                    .skip(pages.get(i) * PAGE_SIZE)
                    .limit(PAGE_SIZE)
                    .into(new ArrayList<>());
            nanos[i] = System.nanoTime() - begin;
            if (page.size() != PAGE_SIZE) {
                throw new IllegalStateException("raw page " + pages.get(i) + " has " + page.size() + " entries");
            }
        }
        return nanos;
    }
}
