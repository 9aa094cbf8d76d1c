package io.headwater.views.shell;

import io.headwater.views.common.DialogService;
import io.headwater.views.common.DiscoverRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Remembers every dialog asked for, instead of showing it. */
public final class RecordingDialogs implements DialogService {
    public final List<String> errors = new ArrayList<>();
    public final List<String> problems = new ArrayList<>();
    public final List<String> infos = new ArrayList<>();
    /** What {@link #askDiscover} answers; empty: the user cancelled. */
    public Optional<DiscoverRequest> discoverAnswer = Optional.empty();

    @Override
    public void showError(String title, String message, Throwable details) {
        errors.add(title + ": " + message);
    }

    @Override
    public void showProblems(String title, String message, List<String> list) {
        errors.add(title + ": " + message);
        problems.addAll(list);
    }

    @Override
    public void showInfo(String title, String message) {
        infos.add(title + ": " + message);
    }

    @Override
    public boolean confirm(String title, String message) {
        return true;
    }

    @Override
    public Optional<Path> chooseFileToOpen(String title, Path initialDir, String extensionDescription, String... extensions) {
        return Optional.empty();
    }

    @Override
    public Optional<DiscoverRequest> askDiscover(String title) {
        return discoverAnswer;
    }

    @Override
    public Optional<Path> chooseFileToSave(String title, String suggestedName, String extensionDescription, String... extensions) {
        return Optional.empty();
    }
}
