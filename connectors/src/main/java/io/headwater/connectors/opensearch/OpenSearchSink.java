package io.headwater.connectors.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.headwater.connectors.mvstore.LogicalValues;
import io.headwater.connectors.mvstore.TargetChange;
import io.headwater.engine.StoreException;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.Flow;
import io.headwater.engine.spi.ChangeEvent;
import io.headwater.engine.spi.Checkpoint;
import io.headwater.engine.spi.DatasetReader;
import io.headwater.engine.spi.DerivedSink;
import io.headwater.engine.spi.StoreEdit;
import java.util.List;
import java.util.Map;

/**
 * A derived dataset kept in an OpenSearch or Elasticsearch index by Headwater's own consumer.
 *
 * <p><b>Layout.</b> The dataset's name is an alias over one concrete index {@code <alias>-g<N>}
 * ({@link IndexGenerations}); a fresh store is created as {@code <alias>-g1} with the alias, and a
 * mapping from the dataset's field types ({@link SearchMappings}). A dataset whose name is a concrete
 * index is written in place, but cannot be rebuilt into a shadow (see {@link #openShadow}).
 *
 * <p><b>Applying.</b> A batch is one {@code _bulk} request of {@code index} and {@code delete}
 * actions in event order, with {@code _id} the record key as sink connectors write it with
 * {@code key.ignore=false} ({@link SearchDocuments#documentId}), refreshed before it returns so that
 * readers see every applied batch; then the checkpoint is written into the index's mapping
 * {@code _meta} ({@code headwater.checkpoint}), so it lives and dies with the index. The two requests
 * are not one transaction: a crash between them leaves the documents of the batch applied and the
 * checkpoint before it, and the batch is applied again on restart. That is still exact, because each
 * action is an upsert or delete of a whole document by id: applying the same events again, in the
 * same order, ends in the same documents. A failed {@code _bulk} item (a mapping conflict) fails the
 * batch, naming the key, before the checkpoint moves.
 *
 * <p><b>Rebuilds.</b> {@link #openShadow} creates (or reopens, after a crash) {@code <alias>-g<N+1>},
 * with its own {@code _meta} checkpoint; {@link #promote} moves the alias in one {@code _aliases}
 * request (remove and add together, so readers see the old index or the new one, never neither);
 * the previous index is kept until the user deletes it ({@link #swapStep} says which);
 * {@link #discardShadow} deletes the shadow index.
 *
 * <p>Not thread-safe for {@link #apply}: one consumer thread applies; {@link #checkpoint()} and
 * {@link #count()} may be called from other threads.
 */
public final class OpenSearchSink implements DerivedSink {
    private static final String META = "headwater";

    private final OpenSearchRest rest;
    private final SearchDialect dialect;
    private final Dataset dataset;
    private final Flow flow;
    private final IndexGenerations generations;
    private final String index;
    private final boolean aliased;
    private volatile boolean replaced;

    private OpenSearchSink(OpenSearchRest rest, SearchDialect dialect, Dataset dataset, Flow flow, String index, boolean aliased) {
        this.rest = rest;
        this.dialect = dialect;
        this.dataset = dataset;
        this.flow = flow;
        this.generations = new IndexGenerations(rest, dataset.physicalName());
        this.index = index;
        this.aliased = aliased;
    }

    /**
     * Opens the live index of {@code dataset} in the cluster at {@code endpoint}, creating
     * {@code <name>-g1} behind the alias {@code <name>} when neither exists.
     */
    public static OpenSearchSink open(OpenSearchEndpoint endpoint, SearchDialect dialect, Dataset dataset, Flow flow) {
        TargetChange.requireScalar(flow, "search index");
        if (dataset.key().isEmpty()) {
            throw new StoreException("dataset " + dataset.ref() + " has no key: a search index is written by document id");
        }
        OpenSearchRest rest = new OpenSearchRest(endpoint);
        try {
            IndexGenerations generations = new IndexGenerations(rest, dataset.physicalName());
            IndexGenerations.Live live = generations.live();
            if (live instanceof IndexGenerations.Aliased a) {
                return new OpenSearchSink(rest, dialect, dataset, flow, a.index(), true);
            }
            if (live instanceof IndexGenerations.Concrete c) {
                return new OpenSearchSink(rest, dialect, dataset, flow, c.index(), false);
            }
            String first = generations.index(1);
            generations.create(first, SearchMappings.mappings(dataset), true);
            return new OpenSearchSink(rest, dialect, dataset, flow, first, true);
        } catch (RuntimeException e) {
            rest.close();
            throw e;
        }
    }

    /**
     * Deletes every generation index {@code <name>-g<N>} of {@code dataset} (and so its alias): for
     * benchmarks and tests that made them. Never called by a pipeline.
     */
    public static void dropAllGenerations(OpenSearchEndpoint endpoint, Dataset dataset) {
        try (OpenSearchRest rest = new OpenSearchRest(endpoint)) {
            IndexGenerations generations = new IndexGenerations(rest, dataset.physicalName());
            for (int n : generations.existing()) {
                generations.delete(generations.index(n));
            }
        }
    }

    @Override
    public Dataset dataset() {
        return dataset;
    }

    @Override
    public Flow flow() {
        return flow;
    }

    /** The concrete index this sink writes (its generation). */
    public String indexName() {
        return index;
    }

    @Override
    public Checkpoint checkpoint() {
        JsonNode answer = rest.call("GET", "/" + index + "/_mapping", Map.of(), null, index, "reading the checkpoint");
        JsonNode meta = answer.path(index).path("mappings").path("_meta").path(META);
        return Checkpoint.decode(meta.path("checkpoint").asText(""));
    }

    @Override
    public void apply(List<ChangeEvent> events, Checkpoint through) {
        write(TargetChange.of(events, flow, dataset));
        ObjectNode body = OpenSearchRest.JSON.createObjectNode();
        body.putObject("_meta").putObject(META).put("checkpoint", through.encode()).put("flow", flow.id());
        rest.call("PUT", "/" + index + "/_mapping", Map.of(), body, index, "committing checkpoint " + through.encode());
    }

    @Override
    public void tamper(List<StoreEdit> edits) {
        write(edits.stream().map(e -> new TargetChange(e.key(), e.row() == null ? null : LogicalValues.conform(e.row(), dataset))).toList());
    }

    private synchronized void write(List<TargetChange> changes) {
        if (replaced) {
            throw new StoreException(rest.describe(index) + " was replaced by a rebuild; write through the promoted sink");
        }
        if (changes.isEmpty()) {
            return;
        }
        StringBuilder ndjson = new StringBuilder();
        for (TargetChange c : changes) {
            ObjectNode action = OpenSearchRest.JSON.createObjectNode();
            ObjectNode target = action.putObject(c.removes() ? "delete" : "index");
            target.put("_index", index).put("_id", SearchDocuments.documentId(c.key(), dataset));
            ndjson.append(action).append('\n');
            if (!c.removes()) {
                ndjson.append(SearchMappings.document(c.row(), dataset)).append('\n');
            }
        }
        JsonNode answer = rest.bulk(ndjson.toString(), Map.of("refresh", "true"), index, "applying " + changes.size() + " changes");
        if (answer.path("errors").asBoolean(false)) {
            for (JsonNode item : answer.path("items")) {
                JsonNode result = item.elements().next();
                JsonNode error = result.path("error");
                if (!error.isMissingNode()) {
                    throw new StoreException(rest.describe(index) + ": document '" + result.path("_id").asText() + "' was refused ("
                            + error.path("type").asText() + "): " + error.path("reason").asText() + "; the checkpoint stays where it was");
                }
            }
        }
    }

    @Override
    public long count() {
        return rest.call("GET", "/" + index + "/_count", Map.of(), null, index, "counting documents").path("count").asLong();
    }

    /** A reader of this sink's index (its generation, even a shadow), sorted on the key fields its mapping made sortable. */
    @Override
    public DatasetReader reader() {
        return new OpenSearchReader(rest, false, dialect, dataset, index);
    }

    /**
     * Opens the shadow index of a rebuild, {@code <alias>-g<N+1>}: the one a killed rebuild left, with
     * its documents and {@code _meta} checkpoint as last committed, or a new, empty one.
     *
     * @throws StoreException when the dataset's name is a concrete index, not an alias: there is no
     *                        alias to move, and an index cannot be renamed
     */
    @Override
    public DerivedSink openShadow() {
        requireAliasedLive();
        int live = generations.number(index);
        String shadow = generations.shadow(live).map(generations::index).orElseGet(() -> {
            String created = generations.index(live + 1);
            generations.create(created, SearchMappings.mappings(dataset), false);
            return created;
        });
        return new OpenSearchSink(new OpenSearchRest(rest.endpoint()), dialect, dataset, flow, shadow,
                true);
    }

    @Override
    public boolean hasShadow() {
        return aliased && generations.shadow(generations.number(index)).isPresent();
    }

    @Override
    public synchronized void promote(DerivedSink shadow) {
        OpenSearchSink next = requireShadowOfThis(shadow);
        requireAliasedLive();
        generations.swap(index, next.index);
        replaced = true;
    }

    @Override
    public String swapStep() {
        if (!aliased) {
            return notAnAlias();
        }
        int live = generations.number(index);
        String shadow = generations.index(live + 1);
        return "one _aliases request moves alias " + dataset.physicalName() + " from " + index + " to " + shadow + "; " + index
                + " is kept until you delete it (DELETE /" + index + ")";
    }

    @Override
    public void discardShadow() {
        if (!aliased) {
            return;
        }
        int live = generations.number(index);
        for (int n : generations.existing()) {
            if (n > live) {
                generations.delete(generations.index(n));
            }
        }
    }

    /** The earlier indexes of this alias kept after swaps, for status and clean-up hints. */
    public List<String> retiredIndexes() {
        return aliased ? generations.retired(generations.number(index)) : List.of();
    }

    private void requireAliasedLive() {
        if (!aliased) {
            throw new StoreException(notAnAlias());
        }
        IndexGenerations.Live now = generations.live();
        if (replaced || !(now instanceof IndexGenerations.Aliased a) || !a.index().equals(index)) {
            throw new StoreException(rest.describe(dataset.physicalName()) + ": " + index + " is no longer the index behind the alias ("
                    + now + "); reopen the store");
        }
    }

    private String notAnAlias() {
        String name = dataset.physicalName();
        return rest.describe(name) + " is a concrete index, not an alias: a rebuild swaps a new index in by moving an alias, and an "
                + "index cannot be renamed. Put an alias in front once: reindex " + name + " into " + name + "-g1 (POST _reindex), "
                + "delete " + name + ", then add alias " + name + " to " + name + "-g1 (POST _aliases); readers keep using the name " + name;
    }

    private OpenSearchSink requireShadowOfThis(DerivedSink shadow) {
        if (shadow instanceof OpenSearchSink s && s != this && s.dataset.physicalName().equals(dataset.physicalName())
                && generations.number(s.index) > generations.number(index)) {
            return s;
        }
        throw new StoreException(rest.describe(dataset.physicalName()) + ": " + shadow.dataset().ref()
                + " is not a shadow opened by this sink");
    }

    @Override
    public void close() {
        rest.close();
    }
}
