// Types for build/make-icons.mjs (the icon generator).
export interface IconLayer {
  inside(x: number, y: number): boolean
  color(x: number, y: number): number[]
}
export declare const LINUX_SIZES: number[]
export declare const ICO_SIZES: number[]
export declare const ICNS_TYPES: [string, number][]
export declare function appIconLayers(): IconLayer[]
export declare function documentIconLayers(): IconLayer[]
export declare function render(layers: IconLayer[], size: number): Buffer
export declare function encodePng(rgba: Buffer, size: number): Buffer
