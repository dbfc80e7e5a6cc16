// Exports of a run for use outside NN Lab. Pure string builders: the host decides where they go.
export { modelNames, numpyScript } from './numpyScript'
export { weightsJson, WEIGHTS_FORMAT, WEIGHTS_VERSION } from './weightsJson'
export { datasetCsv, historyCsv, splitDatasetCsv } from './csv'
export { notebookExport, logIntervalFor, runStart } from './notebook'
export { torchScript } from './torchScript'
