export * from './common';
export * from './district';
export * from './importRequest';
export * from './imports';
export * from './client';
export * from './transport';
