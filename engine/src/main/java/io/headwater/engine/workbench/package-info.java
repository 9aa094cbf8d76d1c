/**
 * What the workbench (the GUI's views and view models) may ask of a running pipeline: the
 * {@link io.headwater.engine.workbench.Workbench} facade. The views module sees only this package
 * and the engine's model; the app module implements it on the embedded or an external pipeline.
 */
package io.headwater.engine.workbench;
