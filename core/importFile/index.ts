export * from './analyzeImportFile';
export * from './buildImportRows';
export * from './canonicalValues';
export * from './schoolMapping';
export * from './decodeUpload';
