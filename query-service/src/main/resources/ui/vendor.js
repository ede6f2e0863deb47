// Third-party files the UI loads, with versions filled in by the build from the root pom (one place: uplot.version).
const UPLOT_DIR = '/webjars/uplot/${uplot.version}/dist';
export const UPLOT = `${UPLOT_DIR}/uPlot.iife.min.js`;
export const UPLOT_CSS = `${UPLOT_DIR}/uPlot.min.css`;
