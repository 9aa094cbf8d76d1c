package io.headwater.views.shell;

import static org.assertj.core.api.Assertions.assertThat;

import io.headwater.views.common.DiscoverRequest;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.TextField;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.framework.junit5.ApplicationTest;
import org.testfx.util.WaitForAsyncUtils;

/** File > Discover…'s dialog, headless: what is typed comes back as the request; Cancel asks for nothing. */
class DiscoverDialogTest extends ApplicationTest {
    private FxDialogService dialogs;

    @Override
    public void start(Stage stage) {
        stage.setScene(new Scene(new StackPane(), 300, 200));
        stage.show();
        dialogs = new FxDialogService(stage);
    }

    private AtomicReference<Optional<DiscoverRequest>> ask() throws Exception {
        AtomicReference<Optional<DiscoverRequest>> answer = new AtomicReference<>();
        Platform.runLater(() -> answer.set(dialogs.askDiscover("Discover a pipeline from Kafka Connect")));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> lookup("#discoverConnectUrl").tryQuery().isPresent());
        return answer;
    }

    @Test
    void theTypedUrlAndBootstrapComeBackOnOk() throws Exception {
        AtomicReference<Optional<DiscoverRequest>> answer = ask();
        interact(() -> {
            lookup("#discoverConnectUrl").queryAs(TextField.class).setText("http://connect:8083");
            lookup("#discoverKafka").queryAs(TextField.class).setText("kafka:9092");
        });
        clickOn(lookup(".button").match(b -> b instanceof Button button && button.isDefaultButton()).queryButton());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> answer.get() != null);

        assertThat(answer.get()).contains(new DiscoverRequest("http://connect:8083", "kafka:9092"));
    }

    @Test
    void cancelAsksForNothing() throws Exception {
        AtomicReference<Optional<DiscoverRequest>> answer = ask();
        clickOn(lookup(".button").match(b -> b instanceof Button button && button.isCancelButton()).queryButton());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> answer.get() != null);

        assertThat(answer.get()).isEmpty();
    }
}
