package io.headwater.connectors.opensearch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.headwater.engine.StoreException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The concrete indexes behind a dataset's alias: the dataset's name is an alias over one index
 * {@code <alias>-g<N>}; a rebuild writes {@code <alias>-g<N+1>} (the shadow, any generation above
 * the live one) and swaps the alias over in one {@code _aliases} request. Generations below the live
 * one are earlier indexes kept after a swap until the user deletes them. A dataset whose name is a
 * concrete index (no alias) can be written but not swapped. Stateless apart from the client;
 * thread-safe.
 */
final class IndexGenerations {
    private final OpenSearchRest rest;
    private final String alias;
    private final Pattern generation;

    IndexGenerations(OpenSearchRest rest, String alias) {
        this.rest = rest;
        this.alias = alias;
        this.generation = Pattern.compile(Pattern.quote(alias) + "-g(\\d+)");
    }

    String alias() {
        return alias;
    }

    /** The index of generation {@code n}. */
    String index(int n) {
        return alias + "-g" + n;
    }

    /** The generation number of {@code index}, 0 when it is not named as a generation of this alias. */
    int number(String index) {
        Matcher m = generation.matcher(index);
        return m.matches() ? Integer.parseInt(m.group(1)) : 0;
    }

    /** What the dataset's name is now. */
    sealed interface Live permits Aliased, Concrete, Absent {
    }

    /** An alias over {@code index}. */
    record Aliased(String index) implements Live {
    }

    /** A concrete index of that name, no alias. */
    record Concrete(String index) implements Live {
    }

    /** Nothing of that name. */
    record Absent() implements Live {
    }

    Live live() {
        Optional<JsonNode> answer = rest.callAllowing404("GET", "/_alias/" + alias, Map.of(), null, alias, "resolving the alias");
        if (answer.isPresent() && answer.get().size() > 0 && !answer.get().has("error")) {
            List<String> indexes = new ArrayList<>();
            answer.get().fieldNames().forEachRemaining(indexes::add);
            if (indexes.size() > 1) {
                throw new StoreException(rest.describe(alias) + " is an alias over " + indexes.size() + " indexes " + indexes
                        + ": headwater writes through an alias over exactly one index");
            }
            return new Aliased(indexes.get(0));
        }
        return rest.exists("/" + alias, alias) ? new Concrete(alias) : new Absent();
    }

    /** The generation indexes of this alias that exist, by number. */
    List<Integer> existing() {
        Optional<JsonNode> answer = rest.callAllowing404("GET", "/" + alias + "-g*/_settings/index.creation_date", Map.of(), null, alias,
                "listing the generations");
        List<Integer> out = new ArrayList<>();
        answer.ifPresent(a -> {
            Iterator<String> names = a.fieldNames();
            while (names.hasNext()) {
                int n = number(names.next());
                if (n > 0) {
                    out.add(n);
                }
            }
        });
        out.sort(Integer::compare);
        return out;
    }

    /** The shadow of a live generation {@code liveNumber}: the highest existing generation above it, if any. */
    Optional<Integer> shadow(int liveNumber) {
        List<Integer> all = existing();
        return all.isEmpty() || all.get(all.size() - 1) <= liveNumber ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    /** Earlier generations (below the live one) kept after swaps. */
    List<String> retired(int liveNumber) {
        return existing().stream().filter(n -> n < liveNumber).map(this::index).toList();
    }

    /** Creates {@code index} with {@code mappings}, and the alias over it when {@code withAlias}. */
    void create(String index, ObjectNode mappings, boolean withAlias) {
        ObjectNode body = OpenSearchRest.JSON.createObjectNode();
        body.set("mappings", mappings);
        if (withAlias) {
            body.putObject("aliases").putObject(alias);
        }
        rest.call("PUT", "/" + index, Map.of(), body, index, "creating the index");
    }

    /** Moves the alias from {@code from} to {@code to} in one {@code _aliases} request: readers see one or the other. */
    void swap(String from, String to) {
        ObjectNode body = OpenSearchRest.JSON.createObjectNode();
        ArrayNode actions = body.putArray("actions");
        actions.addObject().putObject("remove").put("index", from).put("alias", alias);
        actions.addObject().putObject("add").put("index", to).put("alias", alias);
        rest.call("POST", "/_aliases", Map.of(), body, alias, "moving alias " + alias + " from " + from + " to " + to);
    }

    void delete(String index) {
        rest.callAllowing404("DELETE", "/" + index, Map.of(), null, index, "deleting the index");
    }
}
