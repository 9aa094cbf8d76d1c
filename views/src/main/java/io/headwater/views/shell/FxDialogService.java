package io.headwater.views.shell;

import io.headwater.views.common.DialogService;
import io.headwater.views.common.DiscoverRequest;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The workbench's dialogs: AtlantaFX-styled alerts with a short message and the details
 * (a stack trace, or a config's problems) behind an expander. FX thread only.
 */
public final class FxDialogService implements DialogService {
    private static final Logger LOG = LoggerFactory.getLogger(FxDialogService.class);

    private final Window owner;

    public FxDialogService(Window owner) {
        this.owner = owner;
    }

    @Override
    public void showError(String title, String message, Throwable details) {
        LOG.warn("{}: {}", title, message, details);
        Alert alert = alert(Alert.AlertType.ERROR, title, message);
        if (details != null) {
            TextArea text = new TextArea(trace(details));
            text.setId("dialogDetails");
            text.setEditable(false);
            text.setWrapText(false);
            text.setPrefRowCount(16);
            text.getStyleClass().add("monospace");
            alert.getDialogPane().setExpandableContent(text);
        }
        alert.showAndWait();
    }

    @Override
    public void showProblems(String title, String message, List<String> problems) {
        LOG.warn("{}: {}\n  {}", title, message, String.join("\n  ", problems));
        Alert alert = alert(Alert.AlertType.ERROR, title, message);
        ListView<String> list = new ListView<>();
        list.getItems().setAll(problems);
        list.setId("dialogProblems");
        list.setPrefHeight(Math.min(320, 30 + 26.0 * problems.size()));
        list.setPrefWidth(720);
        VBox.setVgrow(list, Priority.ALWAYS);
        Label hint = new Label("Each line names the file, the line and the key at fault.");
        hint.getStyleClass().add("text-muted");
        VBox box = new VBox(8, list, hint);
        alert.getDialogPane().setContent(box);
        alert.getDialogPane().setPrefWidth(780);
        alert.showAndWait();
    }

    @Override
    public void showInfo(String title, String message) {
        alert(Alert.AlertType.INFORMATION, title, message).showAndWait();
    }

    @Override
    public boolean confirm(String title, String message) {
        Alert alert = alert(Alert.AlertType.CONFIRMATION, title, message);
        alert.getButtonTypes().setAll(ButtonType.YES, ButtonType.NO);
        return alert.showAndWait().filter(ButtonType.YES::equals).isPresent();
    }

    @Override
    public Optional<Path> chooseFileToOpen(String title, Path initialDir, String extensionDescription, String... extensions) {
        FileChooser chooser = chooser(title, extensionDescription, extensions);
        if (initialDir != null && Files.isDirectory(initialDir)) {
            chooser.setInitialDirectory(initialDir.toFile());
        }
        return Optional.ofNullable(chooser.showOpenDialog(owner)).map(File::toPath);
    }

    @Override
    public Optional<DiscoverRequest> askDiscover(String title) {
        Dialog<DiscoverRequest> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle(title);
        dialog.setHeaderText("Headwater reads the cluster's connectors and their databases' tables; it changes nothing.");
        TextField connect = new TextField("http://localhost:8083");
        connect.setId("discoverConnectUrl");
        TextField kafka = new TextField();
        kafka.setId("discoverKafka");
        kafka.setPromptText("host:9092 (optional)");
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(8);
        grid.addRow(0, new Label("Kafka Connect URL"), connect);
        grid.addRow(1, new Label("Kafka bootstrap"), kafka);
        dialog.getDialogPane().setContent(grid);
        dialog.getDialogPane().getButtonTypes().setAll(ButtonType.OK, ButtonType.CANCEL);
        dialog.setResultConverter(b -> b == ButtonType.OK ? new DiscoverRequest(connect.getText(), kafka.getText()) : null);
        return dialog.showAndWait();
    }

    @Override
    public Optional<Path> chooseFileToSave(String title, String suggestedName, String extensionDescription, String... extensions) {
        FileChooser chooser = chooser(title, extensionDescription, extensions);
        chooser.setInitialFileName(suggestedName);
        return Optional.ofNullable(chooser.showSaveDialog(owner)).map(File::toPath);
    }

    private static FileChooser chooser(String title, String description, String... extensions) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        if (extensions.length > 0) {
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(description,
                    java.util.Arrays.stream(extensions).map(e -> e.startsWith("*") ? e : "*." + e.replaceFirst("^\\.", "")).toList()));
        }
        return chooser;
    }

    private Alert alert(Alert.AlertType type, String title, String message) {
        Alert alert = new Alert(type);
        alert.initOwner(owner);
        alert.setTitle(title);
        alert.setHeaderText(title);
        alert.setContentText(message);
        alert.getDialogPane().setId("dialog");
        alert.getDialogPane().setMinWidth(480);
        alert.setResizable(true);
        return alert;
    }

    /** The cause chain with each one's stack, as the details of an error dialog. */
    static String trace(Throwable error) {
        StringBuilder sb = new StringBuilder();
        java.util.Set<Throwable> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (Throwable t = error; t != null && seen.add(t); t = t.getCause()) {
            sb.append(t == error ? "" : "Caused by: ").append(t).append('\n');
            for (StackTraceElement e : t.getStackTrace()) {
                sb.append("\tat ").append(e).append('\n');
            }
        }
        return sb.toString();
    }
}
