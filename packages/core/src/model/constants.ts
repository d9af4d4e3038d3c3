/** The code of the root node: the whole index. */
export const ROOT_CODE = 'total'
