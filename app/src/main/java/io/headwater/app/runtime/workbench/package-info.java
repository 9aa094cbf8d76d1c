/**
 * The {@link io.headwater.engine.workbench.Workbench} facade on a pipeline running in this process
 * ({@link io.headwater.app.runtime.workbench.LiveWorkbench}). Every view's work goes through the
 * code the CLI's commands use (verification with its recorded history, rebuild, time travel, fault
 * injection); only what the CLI has no command for (browsing and searching topics, stopping a
 * consumer) is here.
 */
package io.headwater.app.runtime.workbench;
