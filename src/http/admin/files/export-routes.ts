export const exportRoutes = [];
