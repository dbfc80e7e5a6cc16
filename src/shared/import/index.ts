// The CSV import shared by the app and the CLI (see csvImport.ts).
export * from './csvFormat'
export * from './csvColumns'
export * from './classLabels'
export * from './importErrors'
export * from './csvImport'
export * from './problemType'
