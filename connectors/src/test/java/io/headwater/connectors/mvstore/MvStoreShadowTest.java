package io.headwater.connectors.mvstore;

import static io.headwater.connectors.mvstore.SinkFixtures.create;
import static io.headwater.connectors.mvstore.SinkFixtures.customer;
import static io.headwater.connectors.mvstore.SinkFixtures.customers;
import static io.headwater.connectors.mvstore.SinkFixtures.customersFlow;
import static io.headwater.connectors.mvstore.SinkFixtures.through;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.headwater.engine.StoreException;
import io.headwater.engine.model.Dataset;
import io.headwater.engine.model.Row;
import io.headwater.engine.spi.Checkpoint;
import io.headwater.engine.spi.DatasetReader;
import io.headwater.engine.spi.DerivedSink;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rebuilding an MVStore dataset into a shadow map and promoting it, on a real store file. */
class MvStoreShadowTest {
    private static final Dataset CUSTOMERS = customers("customers");

    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve("cache.mv.db");
    }

    private MvStoreSink openLive() {
        return MvStoreSink.open(file(), CUSTOMERS, customersFlow());
    }

    private static List<String> names(DatasetReader reader) {
        List<String> out = new ArrayList<>();
        reader.scan(r -> out.add((String) r.get("name")));
        return out;
    }

    /** Live holds Ann and Bob through offset 1; the shadow holds Xavier through offset 7. */
    private DerivedSink liveWithShadow(MvStoreSink live) {
        live.apply(List.of(create(0, customer(1, "Ann", "a@x.org")), create(1, customer(2, "Bob", "b@x.org"))), through(1));
        DerivedSink shadow = live.openShadow();
        assertThat(shadow.count()).isZero();
        assertThat(shadow.checkpoint()).isEqualTo(Checkpoint.EMPTY);
        shadow.apply(List.of(create(7, customer(9, "Xavier", "x@x.org"))), through(7));
        return shadow;
    }

    @Test
    void shadowStartsEmptyWithItsOwnCheckpointAndLiveReadersDoNotSeeIt() {
        try (MvStoreSink live = openLive(); DerivedSink shadow = liveWithShadow(live); DatasetReader reader = MvStoreReader.open(file(), CUSTOMERS)) {
            assertThat(live.hasShadow()).isTrue();
            assertThat(shadow.count()).isEqualTo(1);
            assertThat(shadow.checkpoint()).isEqualTo(through(7));
            assertThat(live.checkpoint()).isEqualTo(through(1));
            assertThat(names(reader)).containsExactly("Ann", "Bob");
            assertThat(live.count()).isEqualTo(2);
            try (DatasetReader shadowReader = shadow.reader()) {
                assertThat(names(shadowReader)).containsExactly("Xavier");
            }
        }
    }

    @Test
    void shadowSurvivesReopenSoTheRebuildResumesFromItsCheckpoint() {
        try (MvStoreSink live = openLive(); DerivedSink shadow = liveWithShadow(live)) {
            assertThat(shadow.count()).isEqualTo(1);
        }
        try (MvStoreSink live = openLive()) {
            assertThat(live.hasShadow()).isTrue();
            assertThat(live.checkpoint()).isEqualTo(through(1));
            try (DerivedSink shadow = live.openShadow()) {
                assertThat(shadow.checkpoint()).isEqualTo(through(7));
                assertThat(shadow.count()).isEqualTo(1);
                shadow.apply(List.of(create(8, customer(10, "Yara", "y@x.org"))), through(8));
            }
        }
        try (MvStoreSink live = openLive(); DerivedSink shadow = live.openShadow()) {
            assertThat(shadow.checkpoint()).isEqualTo(through(8));
            assertThat(shadow.count()).isEqualTo(2);
        }
    }

    @Test
    void promoteShowsNewDataToLaterReadersWhileEarlierReadersKeepTheOld() {
        MvStoreSink live = openLive();
        DerivedSink shadow = liveWithShadow(live);
        try (DatasetReader before = MvStoreReader.open(file(), CUSTOMERS)) {
            live.promote(shadow);
            live.close();
            try (DatasetReader after = MvStoreReader.open(file(), CUSTOMERS); DatasetReader own = shadow.reader()) {
                assertThat(names(after)).containsExactly("Xavier");
                assertThat(names(own)).containsExactly("Xavier");
                assertThat(((MvStoreReader) after).checkpoint()).isEqualTo(through(7));
            }
            assertThat(names(before)).containsExactly("Ann", "Bob");
            assertThat(before.lookup(Row.of("customer_id", 1L))).isPresent();
            assertThat(shadow.checkpoint()).isEqualTo(through(7));
            assertThat(shadow.hasShadow()).isFalse();
            shadow.apply(List.of(create(9, customer(11, "Zoe", "z@x.org"))), through(9));
        } finally {
            shadow.close();
        }
        try (MvStoreSink reopened = openLive(); DatasetReader reader = MvStoreReader.open(file(), CUSTOMERS)) {
            assertThat(reopened.checkpoint()).isEqualTo(through(9));
            assertThat(names(reader)).containsExactly("Xavier", "Zoe");
            assertThat(reopened.hasShadow()).isFalse();
        }
    }

    @Test
    void promotedOverMapIsDroppedFromTheFileOnceItsLastReaderCloses() {
        String old;
        try (MvStoreSink live = openLive(); DerivedSink shadow = liveWithShadow(live)) {
            old = live.mapName();
            DatasetReader before = MvStoreReader.open(file(), CUSTOMERS);
            live.promote(shadow);
            try (MvStoreFile f = MvStoreFile.open(file())) {
                assertThat(f.hasMap(old)).isTrue();
                before.close();
                assertThat(f.hasMap(old)).isFalse();
                assertThat(f.textMap(MvStoreFile.CHECKPOINTS)).doesNotContainKey(old);
            }
        }
    }

    @Test
    void aPromotionCanFollowAnotherAndTheOldSinkObjectRefusesWrites() {
        MvStoreSink first = openLive();
        DerivedSink second = liveWithShadow(first);
        first.promote(second);
        assertThatThrownBy(() -> first.apply(List.of(create(20, customer(20, "Late", "l@x.org"))), through(20)))
                .isInstanceOf(StoreException.class).hasMessageContaining("replaced");
        first.close();
        try (DerivedSink third = second.openShadow()) {
            assertThat(third.count()).isZero();
            third.apply(List.of(create(30, customer(30, "Third", "t@x.org"))), through(30));
            second.promote(third);
            second.close();
            try (DatasetReader reader = MvStoreReader.open(file(), CUSTOMERS)) {
                assertThat(names(reader)).containsExactly("Third");
            }
        }
        try (MvStoreSink reopened = openLive()) {
            assertThat(reopened.checkpoint()).isEqualTo(through(30));
            assertThat(reopened.mapName()).isEqualTo("customers#g2");
        }
    }

    @Test
    void discardShadowDropsItAndLeavesTheLiveMapUntouched() {
        try (MvStoreSink live = openLive()) {
            DerivedSink shadow = liveWithShadow(live);
            shadow.close();
            live.discardShadow();
            assertThat(live.hasShadow()).isFalse();
            assertThat(live.count()).isEqualTo(2);
            assertThat(live.checkpoint()).isEqualTo(through(1));
            try (DerivedSink fresh = live.openShadow()) {
                assertThat(fresh.count()).isZero();
                assertThat(fresh.checkpoint()).isEqualTo(Checkpoint.EMPTY);
            }
            live.discardShadow();
        }
        try (MvStoreSink live = openLive(); DatasetReader reader = MvStoreReader.open(file(), CUSTOMERS)) {
            assertThat(live.hasShadow()).isFalse();
            assertThat(names(reader)).containsExactly("Ann", "Bob");
        }
    }

    @Test
    void onlyTheLiveSinkOpensAShadowAndOnlyItsOwnShadowIsPromoted() {
        try (MvStoreSink live = openLive(); DerivedSink shadow = liveWithShadow(live);
             MvStoreSink other = MvStoreSink.open(file(), customers("others"), customersFlow())) {
            assertThatThrownBy(shadow::openShadow).isInstanceOf(StoreException.class).hasMessageContaining("not the live generation");
            assertThatThrownBy(() -> live.promote(other)).isInstanceOf(StoreException.class);
            assertThatThrownBy(() -> live.promote(live)).isInstanceOf(StoreException.class);
            assertThat(live.count()).isEqualTo(2);
        }
    }

    @Test
    void swapStepNamesTheLiveAndTheShadowMapAndMovesOnAfterAPromotion() {
        MvStoreSink live = openLive();
        DerivedSink shadow = liveWithShadow(live);
        try {
            assertThat(live.swapStep()).contains(file().toString()).contains("_generations entry customers")
                    .contains("from the live map customers to the shadow map customers#g1");
            live.promote(shadow);
            live.close();
            assertThat(shadow.swapStep()).contains("from the live map customers#g1 to the shadow map customers#g2");
        } finally {
            shadow.close();
        }
    }
}
